//! Reading the users of `add-users --from`: CSV with a header or a JSON array of objects,
//! into rows that remember where they came from (CSV line, JSON item) for error messages.

use std::fmt;

use secrecy::SecretString;
use serde_json::Value;

use crate::error::{Error, Result};

/// The columns (CSV) or keys (JSON) a row may have, besides `field.<name>`.
pub const COLUMNS: [&str; 6] = [
    "email",
    "name",
    "password",
    "permission_set",
    "groups",
    "sites",
];

/// Where a row came from, so an error can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A physical line of a CSV file (the header is line 1).
    Line(u64),
    /// An index into a JSON array (from 0, as in `jq '.[N]'`).
    Item(usize),
    /// An EMAIL argument (from 1).
    Argument(usize),
    /// A user entered at the guided prompt (from 1).
    Prompted(usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Line(n) => write!(f, "line {n}"),
            Origin::Item(n) => write!(f, "item {n}"),
            Origin::Argument(n) => write!(f, "argument {n}"),
            Origin::Prompted(n) => write!(f, "user {n}"),
        }
    }
}

/// How a row says its new account gets a password.
#[derive(Debug, Default)]
pub enum RowPassword {
    /// Nothing said: the command's flags (or a prompt) decide.
    #[default]
    Unspecified,
    /// This password (a `password` column, a flag, or typed at the prompt).
    Given(SecretString),
    /// Generate one.
    Generate,
    /// No password: the user sets one from an emailed token.
    None,
}

/// One user as read, before anything is checked against the organization.
#[derive(Debug)]
pub struct RawRow {
    /// Where it came from.
    pub origin: Origin,
    /// Email as written.
    pub email: String,
    /// Full name, if given.
    pub name: Option<String>,
    /// Password, if the row gives one.
    pub password: RowPassword,
    /// Permission set name, if given.
    pub permission_set: Option<String>,
    /// Group names.
    pub groups: Vec<String>,
    /// Site names.
    pub sites: Vec<String>,
    /// Field values as (field name, value), as written.
    pub fields: Vec<(String, String)>,
}

impl RawRow {
    /// A row with only an email.
    pub fn new(origin: Origin, email: impl Into<String>) -> RawRow {
        RawRow {
            origin,
            email: email.into(),
            name: None,
            password: RowPassword::Unspecified,
            permission_set: None,
            groups: Vec::new(),
            sites: Vec::new(),
            fields: Vec::new(),
        }
    }
}

/// What a file held.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The rows that could be read.
    pub rows: Vec<RawRow>,
    /// Rows that could not be read at all, with why.
    pub errors: Vec<(Origin, String)>,
    /// Whether the input has a `password` column (or key).
    pub password_column: bool,
    /// The `field.<name>` columns of a CSV header, as written (for one check of each name).
    pub field_columns: Vec<String>,
}

/// The two input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Chooses the format by extension, else by content (a JSON array starts with `[`).
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return Format::Json;
    }
    if lower.ends_with(".csv") {
        return Format::Csv;
    }
    let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => Format::Json,
        _ => Format::Csv,
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses users from `bytes`; `label` names the input in file-level errors.
pub fn parse(bytes: &[u8], format: Format, label: &str) -> Result<Parsed> {
    // Spreadsheet programs often start UTF-8 files with a byte-order mark.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match format {
        Format::Csv => parse_csv(bytes, label),
        Format::Json => parse_json(bytes, label),
    }
}

/// Splits a `groups` or `sites` cell: names separated by `;`.
fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// What a column of a CSV header holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Known(&'static str),
    Field(String),
}

fn column_of(header: &str) -> Option<Column> {
    let h = header.trim();
    if let Some(name) = h
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("field."))
        .map(|_| &h[6..])
    {
        return (!name.trim().is_empty()).then(|| Column::Field(name.trim().to_string()));
    }
    COLUMNS
        .iter()
        .find(|c| c.eq_ignore_ascii_case(h))
        .map(|c| Column::Known(c))
}

fn expected_columns() -> String {
    format!("{}, field.<name>", COLUMNS.join(", "))
}

fn parse_csv(bytes: &[u8], label: &str) -> Result<Parsed> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
    let headers = rdr
        .byte_headers()
        .map_err(|e| Error::invalid(format!("{label}: cannot read the CSV header: {e}")))?
        .clone();
    if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
        return Err(Error::invalid(format!(
            "{label} is empty; it needs a header line such as `email,name` and one user per line"
        )));
    }
    let mut columns = Vec::with_capacity(headers.len());
    for raw in headers.iter() {
        let h = std::str::from_utf8(raw).map_err(|_| {
            Error::invalid(format!(
                "{label}: the header is not valid UTF-8 text; save the file as UTF-8"
            ))
        })?;
        let col = column_of(h).ok_or_else(|| {
            Error::invalid(format!(
                "{label}: unknown column {:?} in the header (columns: {})",
                h.trim(),
                expected_columns()
            ))
        })?;
        if columns.contains(&col) {
            return Err(Error::invalid(format!(
                "{label}: column {:?} appears twice in the header",
                h.trim()
            )));
        }
        columns.push(col);
    }
    if !columns.contains(&Column::Known("email")) {
        return Err(Error::invalid(format!(
            "{label} has no \"email\" column; the first line must be a header such as `email,name`"
        )));
    }
    let mut parsed = Parsed {
        password_column: columns.contains(&Column::Known("password")),
        field_columns: columns
            .iter()
            .filter_map(|c| match c {
                Column::Field(n) => Some(n.clone()),
                Column::Known(_) => None,
            })
            .collect(),
        ..Parsed::default()
    };
    for record in rdr.byte_records() {
        let record =
            record.map_err(|e| Error::invalid(format!("{label}: cannot read the CSV: {e}")))?;
        let origin = Origin::Line(record.position().map_or(0, csv::Position::line));
        if record.len() != columns.len() {
            parsed.errors.push((
                origin,
                format!(
                    "has {} values but the header has {} columns",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let mut row = RawRow::new(origin, "");
        let mut bad_utf8 = false;
        for (col, raw) in columns.iter().zip(record.iter()) {
            let Ok(cell) = std::str::from_utf8(raw) else {
                bad_utf8 = true;
                continue;
            };
            match col {
                Column::Known("email") => row.email = cell.to_string(),
                Column::Known("name") => row.name = Some(cell.to_string()),
                Column::Known("password") => {
                    if !cell.is_empty() {
                        row.password = RowPassword::Given(SecretString::from(cell.to_string()));
                    }
                }
                Column::Known("permission_set") => row.permission_set = non_empty(cell),
                Column::Known("groups") => row.groups = split_list(cell),
                Column::Known("sites") => row.sites = split_list(cell),
                Column::Field(name) => {
                    if !cell.trim().is_empty() {
                        row.fields.push((name.clone(), cell.to_string()));
                    }
                }
                Column::Known(_) => {}
            }
        }
        if bad_utf8 {
            parsed.errors.push((
                origin,
                "is not valid UTF-8 text; save the file as UTF-8".into(),
            ));
            continue;
        }
        parsed.rows.push(row);
    }
    Ok(parsed)
}

/// A JSON value as text: strings as they are, numbers and booleans written out.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A `groups`/`sites` value: an array of names or one `;`-separated string.
fn name_list(v: &Value) -> Option<Vec<String>> {
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

fn parse_json(bytes: &[u8], label: &str) -> Result<Parsed> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::invalid(format!("{label} is not valid JSON: {e}")))?;
    let Value::Array(items) = doc else {
        return Err(Error::invalid(format!(
            "{label}: expected a JSON array of objects such as [{{\"email\": \"jo@example.com\"}}]"
        )));
    };
    let mut parsed = Parsed::default();
    for (i, item) in items.into_iter().enumerate() {
        let origin = Origin::Item(i);
        let Value::Object(map) = item else {
            parsed
                .errors
                .push((origin, "is not an object with an \"email\" key".into()));
            continue;
        };
        let mut row = RawRow::new(origin, "");
        let mut problems = Vec::new();
        let mut has_email = false;
        for (key, value) in &map {
            let text = || scalar(value).or_else(|| value.is_null().then(String::new));
            match column_of(key) {
                Some(Column::Known("email")) => match value.as_str() {
                    Some(s) => {
                        row.email = s.to_string();
                        has_email = true;
                    }
                    None => problems.push("\"email\" is not a string".to_string()),
                },
                Some(Column::Known("name")) => match text() {
                    Some(s) => row.name = Some(s),
                    None => problems.push("\"name\" is not a string".into()),
                },
                Some(Column::Known("password")) => {
                    parsed.password_column = true;
                    match value {
                        Value::String(s) if !s.is_empty() => {
                            row.password = RowPassword::Given(SecretString::from(s.clone()));
                        }
                        Value::String(_) | Value::Null => {}
                        _ => problems.push("\"password\" is not a string".into()),
                    }
                }
                Some(Column::Known("permission_set")) => match text() {
                    Some(s) => row.permission_set = non_empty(&s),
                    None => problems.push("\"permission_set\" is not a string".into()),
                },
                Some(Column::Known(list @ ("groups" | "sites"))) => match name_list(value) {
                    Some(names) if list == "groups" => row.groups = names,
                    Some(names) => row.sites = names,
                    None => problems.push(format!(
                        "{list:?} must be an array of names or one string of names separated by \";\""
                    )),
                },
                Some(Column::Field(name)) => match text() {
                    Some(s) if !s.trim().is_empty() => row.fields.push((name, s)),
                    Some(_) => {}
                    None => problems.push(format!("{key:?} is not a string or number")),
                },
                Some(Column::Known(_)) | None => problems.push(format!(
                    "unknown key {key:?} (keys: {})",
                    expected_columns()
                )),
            }
        }
        if !has_email && problems.is_empty() {
            problems.push("has no \"email\"".into());
        }
        if problems.is_empty() {
            parsed.rows.push(row);
        } else {
            parsed
                .errors
                .extend(problems.into_iter().map(|p| (origin, p)));
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn csv_rows_keep_their_physical_lines() {
        let csv = "email,name,groups,field.Department\n\
                   a@x.test,A,Office;Warehouse,Ops\n\
                   \"b@x.test\",\"B\nsecond line\",,\n\
                   c@x.test,C,,\n";
        let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let lines: Vec<_> = p.rows.iter().map(|r| r.origin).collect();
        assert_eq!(
            lines,
            [Origin::Line(2), Origin::Line(3), Origin::Line(5)],
            "a quoted line break moves later rows down"
        );
        assert_eq!(p.rows[0].groups, ["Office", "Warehouse"]);
        assert_eq!(
            p.rows[0].fields,
            [("Department".to_string(), "Ops".to_string())]
        );
        assert_eq!(p.field_columns, ["Department"]);
        assert!(!p.password_column);
    }

    #[test]
    fn csv_header_problems_are_file_errors() {
        let e = parse(b"mail,name\nx@y.z,X\n", Format::Csv, "f.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown column \"mail\""), "{e}");
        let e = parse(b"name\nX\n", Format::Csv, "f.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no \"email\" column"), "{e}");
        assert!(parse(b"", Format::Csv, "f.csv").is_err());
    }

    #[test]
    fn csv_bad_rows_are_row_errors() {
        let p = parse(
            b"\xEF\xBB\xBFEmail,Password\na@x.test,pw-one-two\nb@x.test,x,extra\nc\xff@x.test,\n",
            Format::Csv,
            "f.csv",
        )
        .unwrap();
        assert!(p.password_column);
        assert_eq!(p.rows.len(), 1);
        match &p.rows[0].password {
            RowPassword::Given(s) => assert_eq!(s.expose_secret(), "pw-one-two"),
            other => panic!("{other:?}"),
        }
        assert_eq!(p.errors.len(), 2);
        assert_eq!(p.errors[0].0, Origin::Line(3));
        assert!(p.errors[1].1.contains("UTF-8"));
    }

    #[test]
    fn json_items_are_indexed_from_zero() {
        let json = r#"[{"email":"a@x.test","groups":["Office"],"sites":"Sydney;Perth","field.age":42},
                       {"emial":"b@x.test"}, 7]"#;
        let p = parse(json.as_bytes(), Format::Json, "f.json").unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].sites, ["Sydney", "Perth"]);
        assert_eq!(p.rows[0].fields, [("age".to_string(), "42".to_string())]);
        assert_eq!(p.errors[0].0, Origin::Item(1));
        assert!(p.errors[0].1.contains("unknown key \"emial\""));
        assert_eq!(p.errors[1].0, Origin::Item(2));
        assert!(parse(b"{\"email\":1}", Format::Json, "f.json").is_err());
        assert!(parse(b"[{", Format::Json, "f.json").is_err());
    }

    #[test]
    fn detects_format() {
        assert_eq!(detect("-", b"  [ {}]"), Format::Json);
        assert_eq!(detect("-", b"email\n"), Format::Csv);
        assert_eq!(detect("users.JSON", b"email"), Format::Json);
        assert_eq!(detect("users.csv", b"[]"), Format::Csv);
    }

    proptest::proptest! {
        /// Whatever the names hold (commas, quotes, line breaks, any Unicode), a CSV written
        /// by a standard writer reads back to the same rows, each at its physical line.
        #[test]
        fn csv_reader_round_trips_what_a_csv_writer_wrote(
            rows in proptest::collection::vec(("[a-z]{1,8}@[a-z]{1,6}\\.test", "\\PC{0,12}|[a-z ,\"]{0,12}|[a-z]{1,4}\n[a-z]{1,4}"), 1..20)
        ) {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["email", "name"]).unwrap();
            for (email, name) in &rows {
                w.write_record([email, name]).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let parsed = parse(&bytes, Format::Csv, "p.csv").unwrap();
            proptest::prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
            proptest::prop_assert_eq!(parsed.rows.len(), rows.len());
            let mut line = 2u64;
            for (row, (email, name)) in parsed.rows.iter().zip(&rows) {
                proptest::prop_assert_eq!(&row.email, email);
                let read = row.name.clone().unwrap_or_default();
                proptest::prop_assert_eq!(read.trim(), name.trim());
                proptest::prop_assert_eq!(row.origin, Origin::Line(line));
                line += 1 + name.matches('\n').count() as u64;
            }
        }

        /// Arbitrary bytes never panic the reader, in either format.
        #[test]
        fn any_bytes_are_read_or_refused_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = parse(&bytes, Format::Csv, "x.csv");
            let _ = parse(&bytes, Format::Json, "x.json");
            let _ = detect("-", &bytes);
        }
    }
}
