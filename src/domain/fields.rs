//! User fields: their types and the validation of values.

use crate::error::{Error, Result};

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// Free text (one line).
    Text,
    /// A number.
    Number,
    /// A calendar date, YYYY-MM-DD.
    Date,
    /// One of a fixed list of options.
    Select(Vec<String>),
}

/// Longest value any field accepts.
pub const MAX_VALUE_LEN: usize = 1024;

impl FieldType {
    /// The stored type name.
    pub fn kind(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Select(_) => "select",
        }
    }

    /// Builds a type from its stored name and options.
    pub fn from_parts(kind: &str, options: Vec<String>) -> Result<FieldType> {
        match kind {
            "text" => Ok(FieldType::Text),
            "number" => Ok(FieldType::Number),
            "date" => Ok(FieldType::Date),
            "select" => {
                if options.is_empty() {
                    return Err(Error::invalid("a select field needs at least one --option"));
                }
                Ok(FieldType::Select(options))
            }
            other => Err(Error::invalid(format!(
                "unknown field type {other:?}; types: text, number, date, select"
            ))),
        }
    }

    /// Checks a value for the field `name` and returns its canonical form.
    pub fn validate(&self, name: &str, value: &str) -> Result<String> {
        let v = value.trim();
        if v.chars().count() > MAX_VALUE_LEN {
            return Err(Error::invalid(format!(
                "field {name:?} is longer than {MAX_VALUE_LEN} characters"
            )));
        }
        if v.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "field {name:?} contains a control character (such as a line break)"
            )));
        }
        match self {
            FieldType::Text => Ok(v.to_string()),
            FieldType::Number => {
                let ok = v.parse::<f64>().map(f64::is_finite).unwrap_or(false);
                if ok {
                    Ok(v.to_string())
                } else {
                    Err(Error::invalid(format!(
                        "field {name:?} takes a number, not {v:?}"
                    )))
                }
            }
            FieldType::Date => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .filter(|_| v.len() == 10)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "field {name:?} takes a date as YYYY-MM-DD, not {v:?}"
                    ))
                }),
            FieldType::Select(options) => options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(v))
                .cloned()
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "field {name:?} takes one of: {}; not {v:?}",
                        options.join(", ")
                    ))
                }),
        }
    }
}

/// Splits `KEY=VALUE`.
pub fn parse_assignment(s: &str) -> Result<(String, String)> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(Error::invalid(format!(
            "{s:?} is not KEY=VALUE; write e.g. --field department=Ops"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_by_type() {
        assert_eq!(FieldType::Number.validate("age", " 42 ").unwrap(), "42");
        assert!(FieldType::Number.validate("age", "forty").is_err());
        assert!(FieldType::Number.validate("age", "NaN").is_err());
        assert_eq!(
            FieldType::Date.validate("start", "2026-02-28").unwrap(),
            "2026-02-28"
        );
        assert!(FieldType::Date.validate("start", "2026-02-30").is_err());
        assert!(FieldType::Date.validate("start", "28/02/2026").is_err());
        let sel = FieldType::Select(vec!["Ops".into(), "Sales".into()]);
        assert_eq!(sel.validate("dept", "ops").unwrap(), "Ops");
        let err = sel.validate("dept", "HR").unwrap_err().to_string();
        assert!(err.contains("Ops, Sales"), "{err}");
        assert!(FieldType::Text.validate("note", "a\nb").is_err());
        assert!(FieldType::Text.validate("note", &"x".repeat(2000)).is_err());
    }

    #[test]
    fn assignments() {
        assert_eq!(
            parse_assignment("dept=Ops").unwrap(),
            ("dept".into(), "Ops".into())
        );
        assert!(parse_assignment("dept").is_err());
        assert!(parse_assignment("=x").is_err());
    }
}
