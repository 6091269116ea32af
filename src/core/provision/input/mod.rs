//! Reading the users of `add-users --from` and `users update --from`: CSV with a header or
//! a JSON array of objects, streamed row by row into a [`Sink`] (R31: bounded memory, strict
//! input), each row remembering where it came from (CSV line as `grep -n` numbers it, JSON
//! item from 1) for error messages.

use std::collections::BTreeSet;
use std::fmt;
use std::io::BufRead;

use secrecy::SecretString;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result, RowError};
use crate::output::formula_like;

pub use crate::error::Place as Origin;

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

/// R32: an exported cell that a spreadsheet would evaluate was written with a leading `'`;
/// strip exactly that one (a `'` before anything else is the value's own).
fn unescape(cell: &str) -> &str {
    if cell.starts_with('\'') && formula_like(cell.as_bytes()) {
        &cell[1..]
    } else {
        cell
    }
}

/// One CSV record as read: its first physical line, its cells, and why it cannot be used.
struct Record {
    line: u64,
    cells: Vec<Vec<u8>>,
    problem: Option<String>,
    quoted: bool,
}

impl Record {
    fn new(line: u64) -> Record {
        Record {
            line,
            cells: vec![Vec::new()],
            problem: None,
            quoted: false,
        }
    }

    fn push(&mut self, b: u8) {
        if self.problem.is_some() {
            return;
        }
        let col = self.cells.len();
        let Some(cell) = self.cells.last_mut() else {
            return;
        };
        if cell.len() >= MAX_CELL {
            self.problem = Some(format!(
                "value {col} is longer than 64 KiB ({MAX_CELL} bytes); shorten it"
            ));
        } else {
            cell.push(b);
        }
    }

    fn next_cell(&mut self) {
        if self.problem.is_none() {
            self.cells.push(Vec::new());
        }
    }

    fn is_blank(&self) -> bool {
        !self.quoted && self.problem.is_none() && self.cells.len() == 1 && self.cells[0].is_empty()
    }
}

/// Reads CSV records one at a time (RFC 4180 quoting; LF, CRLF or CR line endings), with
/// each record's first line numbered as `grep -n` does, and bounded memory: a line over
/// [`MAX_LINE`] or a cell over [`MAX_CELL`] makes the record invalid and is not kept.
fn csv_records(mut r: impl BufRead, mut each: impl FnMut(Record) -> Result<()>) -> Result<()> {
    #[derive(PartialEq, Eq, Clone, Copy)]
    enum St {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut st = St::CellStart;
    let mut line: u64 = 1;
    let mut line_len: usize = 0;
    let mut after_cr = false;
    let mut rec = Record::new(1);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        for &b in buf {
            let newline = b == b'\n' || b == b'\r';
            let crlf_tail = b == b'\n' && after_cr;
            after_cr = b == b'\r';
            if newline {
                if !crlf_tail {
                    line += 1;
                    line_len = 0;
                }
            } else {
                line_len += 1;
                if line_len > MAX_LINE && rec.problem.is_none() {
                    rec.problem = Some(format!(
                        "line {} is longer than 1 MiB ({MAX_LINE} bytes); split or shorten it",
                        line
                    ));
                }
            }
            if st == St::QuoteInQuoted {
                if b == b'"' {
                    rec.push(b'"');
                    st = St::Quoted;
                    continue;
                }
                st = St::Unquoted;
            }
            match st {
                St::Quoted => {
                    if b == b'"' {
                        st = St::QuoteInQuoted;
                    } else {
                        rec.push(b);
                    }
                }
                _ if b == b',' => {
                    rec.next_cell();
                    st = St::CellStart;
                }
                _ if newline => {
                    if crlf_tail {
                        continue;
                    }
                    let done = std::mem::replace(&mut rec, Record::new(line));
                    if !done.is_blank() {
                        each(done)?;
                    }
                    st = St::CellStart;
                }
                St::CellStart if b == b'"' => {
                    rec.quoted = true;
                    st = St::Quoted;
                }
                _ => {
                    rec.push(b);
                    st = St::Unquoted;
                }
            }
        }
        r.consume(n);
    }
    if st == St::Quoted && rec.problem.is_none() {
        rec.problem = Some(
            "a quote (\") opens a value that never closes; close it, or double a quote inside a quoted value (\"\")"
                .into(),
        );
    }
    if !rec.is_blank() {
        each(rec)?;
    }
    Ok(())
}

fn read_csv(r: impl BufRead, label: &str, sink: &mut dyn Sink) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut columns: Option<Vec<Column>> = None;
    csv_records(r, |rec| {
        let Some(columns) = &columns else {
            let cols = csv_header(&rec, label)?;
            let header = Header {
                password_column: cols.contains(&Column::Known("password")),
                field_columns: cols
                    .iter()
                    .filter_map(|c| match c {
                        Column::Field(n) => Some(n.clone()),
                        _ => None,
                    })
                    .collect(),
            };
            summary.password_column = header.password_column;
            for c in &cols {
                if let Column::ReadOnly(name) = c {
                    summary.ignored.insert(name.to_string());
                }
            }
            sink.header(&header)?;
            columns = Some(cols);
            return Ok(());
        };
        summary.rows += 1;
        let origin = Origin::Line(rec.line);
        if let Some(problem) = rec.problem {
            sink.error(RowError::new(origin, problem));
            return Ok(());
        }
        if rec.cells.len() != columns.len() {
            sink.error(RowError::new(
                origin,
                format!(
                    "has {} values but the header has {} columns",
                    rec.cells.len(),
                    columns.len()
                ),
            ));
            return Ok(());
        }
        let mut row = RawRow::new(origin, "");
        for (col, raw) in columns.iter().zip(&rec.cells) {
            let Ok(cell) = std::str::from_utf8(raw) else {
                sink.error(RowError::new(
                    origin,
                    "is not valid UTF-8 text; save the file as UTF-8",
                ));
                return Ok(());
            };
            let cell = unescape(cell);
            match col {
                Column::Known("email") => row.email = cell.to_string(),
                Column::Known("name") => {
                    row.name = Some(cell.to_string());
                    row.stated.name = true;
                }
                Column::Known("password") => {
                    if !cell.is_empty() {
                        row.password = RowPassword::Given(SecretString::from(cell.to_string()));
                    }
                }
                Column::Known("permission_set") => row.permission_set = non_empty(cell),
                Column::Known("groups") => {
                    row.groups = split_list(cell);
                    row.stated.groups = true;
                }
                Column::Known("sites") => {
                    row.sites = split_list(cell);
                    row.stated.sites = true;
                }
                Column::Field(name) => {
                    if cell.trim().is_empty() {
                        row.empty_fields.push(name.clone());
                    } else {
                        row.fields.push((name.clone(), cell.to_string()));
                    }
                }
                Column::Known(_) | Column::ReadOnly(_) => {}
            }
        }
        sink.row(row)
    })?;
    if columns.is_none() {
        return Err(Error::invalid(format!(
            "{label} is empty; it needs a header line such as `email,name` and one user per line"
        )));
    }
    Ok(summary)
}

fn csv_header(rec: &Record, label: &str) -> Result<Vec<Column>> {
    if let Some(problem) = &rec.problem {
        return Err(Error::invalid(format!(
            "{label}: the header (line {}): {problem}",
            rec.line
        )));
    }
    let mut columns = Vec::with_capacity(rec.cells.len());
    for raw in &rec.cells {
        let h = std::str::from_utf8(raw).map_err(|_| {
            Error::invalid(format!(
                "{label}: the header is not valid UTF-8 text; save the file as UTF-8"
            ))
        })?;
        let col = column_of(h).ok_or_else(|| {
            Error::invalid(format!(
                "{label}: unknown column {} in the header (columns: {}; an export's {} are ignored)",
                quote(h.trim()),
                expected_columns(),
                READ_ONLY.join(", ")
            ))
        })?;
        if columns.contains(&col) {
            return Err(Error::invalid(format!(
                "{label}: column {} appears twice in the header",
                quote(h.trim())
            )));
        }
        columns.push(col);
    }
    if !columns.contains(&Column::Known("email")) {
        return Err(Error::invalid(format!(
            "{label} has no \"email\" column; the first line must be a header such as `email,name`"
        )));
    }
    Ok(columns)
}

/// A JSON value that remembers the first duplicated key (at any depth) instead of silently
/// keeping the last value.
struct Strict {
    value: Value,
    duplicate: Option<String>,
}

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

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
struct Items<'a> {
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

fn read_json(r: impl BufRead, label: &str, sink: &mut dyn Sink) -> Result<Summary> {
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

/// The first string in `v` longer than [`MAX_CELL`] bytes, if any.
fn too_long(v: &Value) -> bool {
    match v {
        Value::String(s) => s.len() > MAX_CELL,
        Value::Array(a) => a.iter().any(too_long),
        Value::Object(m) => m.iter().any(|(k, v)| k.len() > MAX_CELL || too_long(v)),
        _ => false,
    }
}

/// A field's value from JSON: a string or number; empty or null means "no value".
fn json_field(row: &mut RawRow, name: &str, value: &Value) -> std::result::Result<(), String> {
    match scalar(value).or_else(|| value.is_null().then(String::new)) {
        Some(s) if !s.trim().is_empty() => row.fields.push((name.to_string(), s)),
        Some(_) => row.empty_fields.push(name.to_string()),
        None => return Err(format!("field {} is not a string or number", quote(name))),
    }
    Ok(())
}

fn json_item(n: u64, item: Strict, summary: &mut Summary, sink: &mut dyn Sink) -> Result<()> {
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
    for (key, value) in &map {
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
        assert!(!p.summary.password_column);
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
        assert!(p.summary.password_column);
        assert_eq!(p.rows.len(), 1);
        match &p.rows[0].password {
            RowPassword::Given(s) => assert_eq!(s.expose_secret(), "pw-one-two"),
            other => panic!("{other:?}"),
        }
        assert_eq!(p.errors.len(), 2);
        assert_eq!(p.errors[0].place, Origin::Line(3));
        assert!(p.errors[1].message.contains("UTF-8"));
    }

    #[test]
    fn json_items_are_numbered_from_one() {
        let json = r#"[{"email":"a@x.test","groups":["Office"],"sites":"Sydney;Perth","field.age":42},
                       {"emial":"b@x.test"}, 7]"#;
        let p = parse(json.as_bytes(), Format::Json, "f.json").unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].sites, ["Sydney", "Perth"]);
        assert_eq!(p.rows[0].fields, [("age".to_string(), "42".to_string())]);
        assert_eq!(p.errors[0].place, Origin::Item(2));
        assert!(p.errors[0].message.contains("unknown key \"emial\""));
        assert_eq!(p.errors[1].place, Origin::Item(3));
        assert!(parse(b"{\"email\":1}", Format::Json, "f.json").is_err());
        assert!(parse(b"[{", Format::Json, "f.json").is_err());
    }

    #[test]
    fn line_endings_do_not_change_line_numbers() {
        for nl in ["\n", "\r\n", "\r"] {
            let csv = [
                "email,name",
                "a@x.test,\"A",
                "two\"",
                "",
                "b@x.test,B",
                "c@x.test,\"open",
            ]
            .join(nl);
            let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
            let lines: Vec<_> = p.rows.iter().map(|r| r.origin).collect();
            assert_eq!(lines, [Origin::Line(2), Origin::Line(5)], "{nl:?}");
            assert_eq!(
                p.rows[0].name.as_deref(),
                Some(format!("A{nl}two").as_str())
            );
            assert_eq!(p.errors.len(), 1, "{nl:?}");
            assert_eq!(p.errors[0].place, Origin::Line(6));
            assert!(p.errors[0].message.contains("never closes"));
        }
    }

    #[test]
    fn limits_and_formula_quotes() {
        let long_cell = "x".repeat(MAX_CELL + 1);
        let csv = format!("email,name\na@x.test,{long_cell}\nb@x.test,'=1+2\nc@x.test,'quoted\n");
        let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].place, Origin::Line(2));
        assert_eq!(p.rows[0].name.as_deref(), Some("=1+2"));
        assert_eq!(p.rows[1].name.as_deref(), Some("'quoted"));
        let p = parse(
            br#"[{"email":"a@x.test","email":"b@x.test"}]"#,
            Format::Json,
            "f.json",
        )
        .unwrap();
        assert_eq!(p.errors[0].place, Origin::Item(1));
        assert_eq!(p.errors[0].column.as_deref(), Some("email"));
        assert!(quote(&"y".repeat(1000)).chars().count() <= MAX_QUOTE + 3);
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
        /// by a standard writer with the export's formula quoting (R32) reads back to the
        /// same rows, each at its physical line.
        #[test]
        fn csv_reader_round_trips_what_a_csv_writer_wrote(
            rows in proptest::collection::vec(("[a-z]{1,8}@[a-z]{1,6}\\.test", "\\PC{0,12}|[a-z ,\"]{0,12}|[a-z]{1,4}\n[a-z]{1,4}"), 1..20)
        ) {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["email", "name"]).unwrap();
            for (email, name) in &rows {
                let name = crate::output::defuse(name.as_bytes());
                w.write_record([email.as_bytes(), &name]).unwrap();
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
