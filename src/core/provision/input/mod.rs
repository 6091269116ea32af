//! Reading the users of `add-users --from` and `users update --from`: CSV with a header or
//! a JSON array of objects, streamed row by row into a [`Sink`] (R31: bounded memory, strict
//! input), each row remembering where it came from (CSV line as `grep -n` numbers it, JSON
//! item from 1) for error messages.

use std::collections::BTreeSet;
use std::fmt;
use std::io::BufRead;

use secrecy::SecretString;

use crate::error::{Result, RowError};

pub use crate::error::Place as Origin;

mod csv;
mod json;
#[cfg(test)]
mod tests;

use csv::read_csv;
use json::read_json;

/// The columns (CSV) or keys (JSON) a row may have, besides `field.<name>`.
pub const COLUMNS: [&str; 6] = [
    "email",
    "name",
    "password",
    "permission_set",
    "groups",
    "sites",
];

/// Columns of a `users list` export that describe an account's state: an import ignores
/// them (with one note), so an export reads back.
pub const READ_ONLY: [&str; 7] = [
    "status",
    "reset_required",
    "locked",
    "disabled",
    "has_password",
    "created_at",
    "password_set_at",
];

/// The longest physical line of a CSV input (R31).
pub const MAX_LINE: usize = 1 << 20;
/// The longest value of a cell or JSON string (R31).
pub const MAX_CELL: usize = 64 << 10;
/// The most characters of the input an error message quotes (R31).
pub const MAX_QUOTE: usize = 200;

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

/// Which parts a row states (a column or key present), for updates: a part not stated is
/// left as it is.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stated {
    /// A `name` column or key.
    pub name: bool,
    /// A `groups` column or key.
    pub groups: bool,
    /// A `sites` column or key.
    pub sites: bool,
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
    /// Fields whose column or key is present but empty (an update clears them).
    pub empty_fields: Vec<String>,
    /// Which parts the row states.
    pub stated: Stated,
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
            empty_fields: Vec::new(),
            stated: Stated::default(),
        }
    }
}

/// The header of a CSV input, given to the sink before any row.
#[derive(Debug, Default)]
pub struct Header {
    /// Whether it has a `password` column.
    pub password_column: bool,
    /// Its `field.<name>` columns, as written (for one check of each name).
    pub field_columns: Vec<String>,
}

/// Where the rows go as they are read: nothing but the sink keeps them.
pub trait Sink {
    /// The CSV header was read (JSON has none).
    fn header(&mut self, header: &Header) -> Result<()>;
    /// A row was read. An error here (e.g. permission denied) stops the reading.
    fn row(&mut self, row: RawRow) -> Result<()>;
    /// A row could not be read.
    fn error(&mut self, e: RowError);
}

/// What the whole input said, besides its rows.
#[derive(Debug, Default)]
pub struct Summary {
    /// Whether the input has a `password` column (or key).
    pub password_column: bool,
    /// Read-only export columns (or keys) that were ignored.
    pub ignored: BTreeSet<String>,
    /// How many rows (good or bad) it held.
    pub rows: u64,
}

impl Summary {
    /// The one note that says which export columns were ignored, if any.
    pub fn note(&self) -> Option<String> {
        (!self.ignored.is_empty()).then(|| {
            let names: Vec<&str> = self.ignored.iter().map(String::as_str).collect();
            format!(
                "note: ignoring the read-only column{} {} (they describe an account's state and are not imported)",
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            )
        })
    }
}

/// The rows of a small input (arguments, the prompt, tests), collected.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The rows that could be read.
    pub rows: Vec<RawRow>,
    /// Rows that could not be read, with why.
    pub errors: Vec<RowError>,
    /// The `field.<name>` columns of a CSV header.
    pub field_columns: Vec<String>,
    /// What the input said besides its rows.
    pub summary: Summary,
}

impl Sink for Parsed {
    fn header(&mut self, header: &Header) -> Result<()> {
        self.field_columns = header.field_columns.clone();
        Ok(())
    }
    fn row(&mut self, row: RawRow) -> Result<()> {
        self.rows.push(row);
        Ok(())
    }
    fn error(&mut self, e: RowError) {
        self.errors.push(e);
    }
}

/// The two input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Chooses the format by extension, else by content (JSON starts with `[` or `{`).
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
        Some(b'[' | b'{') => Format::Json,
        _ => Format::Csv,
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a whole input held in memory (small inputs and tests).
pub fn parse(bytes: &[u8], format: Format, label: &str) -> Result<Parsed> {
    let mut parsed = Parsed::default();
    parsed.summary = read(bytes, format, label, &mut parsed)?;
    Ok(parsed)
}

/// Streams users from `reader` into `sink`; `label` names the input in file-level errors.
pub fn read(
    mut reader: impl BufRead,
    format: Format,
    label: &str,
    sink: &mut dyn Sink,
) -> Result<Summary> {
    // Spreadsheet programs often start UTF-8 files with a byte-order mark.
    let start = reader.fill_buf()?;
    if start.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    match format {
        Format::Csv => read_csv(reader, label, sink),
        Format::Json => read_json(reader, label, sink),
    }
}

/// Up to [`MAX_QUOTE`] characters of `s`, quoted, with `…` when cut.
pub fn quote(s: &str) -> String {
    match s.char_indices().nth(MAX_QUOTE) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// Makes sure a message quotes at most [`MAX_QUOTE`] characters of `value` (R31): messages
/// made elsewhere may quote a value whole.
pub fn limit_quote(message: String, value: &str) -> String {
    if value.chars().count() <= MAX_QUOTE {
        return message;
    }
    let debug = format!("{value:?}");
    let message = message.replace(&debug, &quote(value));
    message.replace(value, &quote(value))
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

/// What a column of a CSV header (or a JSON key) holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Known(&'static str),
    Field(String),
    ReadOnly(&'static str),
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
    if let Some(c) = COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(h)) {
        return Some(Column::Known(c));
    }
    READ_ONLY
        .iter()
        .find(|c| c.eq_ignore_ascii_case(h))
        .map(|c| Column::ReadOnly(c))
}

fn expected_columns() -> String {
    format!("{}, field.<name>", COLUMNS.join(", "))
}
