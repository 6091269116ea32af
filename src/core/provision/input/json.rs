//! JSON input: an array of objects, read item by item, strict about duplicate keys.

use std::io::BufRead;

use secrecy::SecretString;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::*;
use crate::error::{Error, Result, RowError};

/// A JSON value that remembers the first duplicated key (at any depth) instead of silently
/// keeping the last value.
pub(super) struct Strict {
    value: Value,
    duplicate: Option<String>,
}

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

pub(super) struct StrictVisitor;

impl StrictVisitor {
    fn plain<E>(value: Value) -> std::result::Result<Strict, E> {
        Ok(Strict {
            value,
            duplicate: None,
        })
    }
}

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Strict, E> {
        Self::plain(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Strict, E> {
        Self::plain(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Strict, E> {
        Self::plain(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Strict, E> {
        Self::plain(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Strict, E> {
        Self::plain(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Strict, E> {
        Self::plain(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
        Self::plain(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Strict, E> {
        Self::plain(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Strict, A::Error> {
        let mut items = Vec::new();
        let mut duplicate = None;
        while let Some(Strict {
            value,
            duplicate: d,
        }) = seq.next_element::<Strict>()?
        {
            items.push(value);
            duplicate = duplicate.or(d);
        }
        Ok(Strict {
            value: Value::Array(items),
            duplicate,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Strict, A::Error> {
        let mut m = Map::new();
        let mut duplicate = None;
        while let Some(key) = map.next_key::<String>()? {
            let Strict {
                value,
                duplicate: d,
            } = map.next_value::<Strict>()?;
            if m.contains_key(&key) {
                duplicate.get_or_insert_with(|| key.clone());
            }
            duplicate = duplicate.or(d);
            m.insert(key, value);
        }
        Ok(Strict {
            value: Value::Object(m),
            duplicate,
        })
    }
}

/// The elements of the users array, handed one at a time to a callback.
pub(super) struct Items<'a> {
    each: &'a mut dyn FnMut(u64, Strict) -> Result<()>,
    stopped: &'a mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut n = 0;
        while let Some(item) = seq.next_element::<Strict>()? {
            n += 1;
            if let Err(e) = (self.each)(n, item) {
                *self.stopped = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
    /// `users list -o json` prints `{"users":[…]}`: that reads back too.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "users" && !seen {
                seen = true;
                map.next_value_seed(Items {
                    each: &mut *self.each,
                    stopped: &mut *self.stopped,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !seen {
            return Err(de::Error::custom("no \"users\" array"));
        }
        Ok(())
    }
}

pub(super) fn read_json(r: impl BufRead, label: &str, sink: &mut dyn Sink) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut stopped = None;
    let mut each = |n: u64, item: Strict| -> Result<()> {
        summary.rows += 1;
        json_item(n, item, &mut summary, sink)
    };
    let mut de = serde_json::Deserializer::from_reader(r);
    let result = Items {
        each: &mut each,
        stopped: &mut stopped,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Some(e) = stopped {
        return Err(e);
    }
    result.map_err(|e| {
        if e.is_data() {
            Error::invalid(format!(
                "{label}: expected a JSON array of objects such as [{{\"email\": \"jo@example.com\"}}] ({e})"
            ))
        } else {
            Error::invalid(format!("{label} is not valid JSON: {e}"))
        }
    })?;
    Ok(summary)
}

/// A JSON value as text: strings as they are, numbers and booleans written out.
pub(super) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A `groups`/`sites` value: an array of names or one `;`-separated string.
pub(super) fn name_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::String(s) => Some(split_list(s)),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(|s| s.trim().to_string()))
            .collect::<Option<Vec<_>>>()
            .map(|v| v.into_iter().filter(|s| !s.is_empty()).collect()),
        _ => None,
    }
}

/// The first string in `v` longer than [`MAX_CELL`] bytes, if any.
pub(super) fn too_long(v: &Value) -> bool {
    match v {
        Value::String(s) => s.len() > MAX_CELL,
        Value::Array(a) => a.iter().any(too_long),
        Value::Object(m) => m.iter().any(|(k, v)| k.len() > MAX_CELL || too_long(v)),
        _ => false,
    }
}

/// A field's value from JSON: a string or number; empty or null means "no value".
pub(super) fn json_field(
    row: &mut RawRow,
    name: &str,
    value: &Value,
) -> std::result::Result<(), String> {
    match scalar(value).or_else(|| value.is_null().then(String::new)) {
        Some(s) if !s.trim().is_empty() => row.fields.push((name.to_string(), s)),
        Some(_) => row.empty_fields.push(name.to_string()),
        None => return Err(format!("field {} is not a string or number", quote(name))),
    }
    Ok(())
}

pub(super) fn json_item(
    n: u64,
    item: Strict,
    summary: &mut Summary,
    sink: &mut dyn Sink,
) -> Result<()> {
    let origin = Origin::Item(n);
    if let Some(key) = item.duplicate {
        sink.error(RowError::at(
            origin,
            &key,
            format!("key {} appears twice; give each key once", quote(&key)),
        ));
        return Ok(());
    }
    let Value::Object(map) = item.value else {
        sink.error(RowError::new(
            origin,
            "is not an object with an \"email\" key",
        ));
        return Ok(());
    };
    let mut row = RawRow::new(origin, "");
    let mut problems: Vec<RowError> = Vec::new();
    let mut has_email = false;
    // Keys are read without regard to case (`Email` is `email`): the same key twice in
    // two spellings is a duplicated key too (R31), not "the last one wins".
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (key, value) in &map {
        let canonical = match column_of(key) {
            _ if key == "fields" => "fields".to_string(),
            Some(Column::Known(c)) | Some(Column::ReadOnly(c)) => c.to_string(),
            Some(Column::Field(name)) => format!("field.{}", name.to_lowercase()),
            None => key.clone(),
        };
        if !seen.insert(canonical.clone()) {
            problems.push(RowError::at(
                origin,
                key,
                format!(
                    "key {} appears twice (as {}); give each key once",
                    quote(key),
                    quote(&canonical)
                ),
            ));
            continue;
        }
        if too_long(value) {
            problems.push(RowError::at(
                origin,
                key,
                format!(
                    "the value of {} is longer than 64 KiB ({MAX_CELL} bytes); shorten it",
                    quote(key)
                ),
            ));
            continue;
        }
        let text = || scalar(value).or_else(|| value.is_null().then(String::new));
        let mut bad = |msg: String| problems.push(RowError::at(origin, key, msg));
        if key == "fields" {
            match value {
                Value::Object(fields) => {
                    for (name, v) in fields {
                        if let Err(msg) = json_field(&mut row, name, v) {
                            bad(msg);
                        }
                    }
                }
                Value::Null => {}
                _ => bad("\"fields\" must be an object of field names and values".into()),
            }
            continue;
        }
        match column_of(key) {
            Some(Column::Known("email")) => match value.as_str() {
                Some(s) => {
                    row.email = s.to_string();
                    has_email = true;
                }
                None => bad("\"email\" is not a string".to_string()),
            },
            Some(Column::Known("name")) => match text() {
                Some(s) => {
                    row.name = Some(s);
                    row.stated.name = true;
                }
                None => bad("\"name\" is not a string".into()),
            },
            Some(Column::Known("password")) => {
                summary.password_column = true;
                match value {
                    Value::String(s) if !s.is_empty() => {
                        row.password = RowPassword::Given(SecretString::from(s.clone()));
                    }
                    Value::String(_) | Value::Null => {}
                    _ => bad("\"password\" is not a string".into()),
                }
            }
            Some(Column::Known("permission_set")) => match text() {
                Some(s) => row.permission_set = non_empty(&s),
                None => bad("\"permission_set\" is not a string".into()),
            },
            Some(Column::Known(list @ ("groups" | "sites"))) => match name_list(value) {
                Some(names) if list == "groups" => {
                    row.groups = names;
                    row.stated.groups = true;
                }
                Some(names) => {
                    row.sites = names;
                    row.stated.sites = true;
                }
                None => bad(format!(
                    "{list:?} must be an array of names or one string of names separated by \";\""
                )),
            },
            Some(Column::Field(name)) => {
                if let Err(msg) = json_field(&mut row, &name, value) {
                    bad(msg);
                }
            }
            Some(Column::ReadOnly(name)) => {
                summary.ignored.insert(name.to_string());
            }
            Some(Column::Known(_)) | None => bad(format!(
                "unknown key {} (keys: {}, fields; an export's {} are ignored)",
                quote(key),
                expected_columns(),
                READ_ONLY.join(", ")
            )),
        }
    }
    if !has_email && problems.is_empty() {
        problems.push(RowError::new(origin, "has no \"email\""));
    }
    if problems.is_empty() {
        sink.row(row)
    } else {
        for p in problems {
            sink.error(p);
        }
        Ok(())
    }
}
