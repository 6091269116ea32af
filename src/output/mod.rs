//! The only place that prints results: tables (comfy-table), JSON and CSV on stdout.

use std::cell::RefCell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{
    modifiers::UTF8_ROUND_CORNERS, presets::UTF8_FULL_CONDENSED, ContentArrangement, Table,
};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::OutputFormat;
use crate::error::{Error, Result};

/// Prints results in the chosen format.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    format: OutputFormat,
    /// The terminal's width in columns, when known: tables are fitted to it.
    width: Option<usize>,
}

/// Rows for a table or CSV, with the JSON form of the same data.
pub struct Records<'a, T: Serialize> {
    /// Column headers.
    pub headers: &'a [&'a str],
    /// One entry per row, one cell per header.
    pub rows: Vec<Vec<String>>,
    /// What `-o json` prints.
    pub json: &'a T,
}

impl Output {
    /// Prints in `format`.
    pub fn new(format: OutputFormat) -> Output {
        Output {
            format,
            width: None,
        }
    }

    /// Fits tables to `width` columns (None: print them at their natural width).
    pub fn fitted_to(self, width: Option<usize>) -> Output {
        Output { width, ..self }
    }

    /// The chosen format.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Whether JSON was asked for.
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Whether a table for people was asked for (the default).
    pub fn is_table(&self) -> bool {
        self.format == OutputFormat::Table
    }

    /// Prints rows as a table, CSV or JSON.
    pub fn records<T: Serialize>(&self, r: &Records<'_, T>) -> Result<()> {
        match self.format {
            OutputFormat::Json => self.json(r.json),
            OutputFormat::Csv => {
                let headers: Vec<String> = r.headers.iter().map(|h| csv_header(h)).collect();
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                self.csv(&headers, &r.rows)
            }
            OutputFormat::Table => self.table(r.headers, &r.rows),
        }
    }

    /// A time for a result: RFC 3339 UTC in JSON and CSV (`2026-11-30T11:58:17Z`), the
    /// local time naming its zone in tables (`2026-11-30 22:58 AEDT`).
    pub fn time(&self, ms: i64) -> String {
        match self.format {
            OutputFormat::Table => crate::clock::human(ms),
            OutputFormat::Json | OutputFormat::Csv => crate::domain::clock::rfc3339(ms),
        }
    }

    /// Prints one JSON document.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        if stdout_closed() {
            return Ok(());
        }
        PRINTED.store(true, Ordering::Relaxed);
        settle((|| {
            // Buffered: stdout is line-buffered, and a pretty document of 100,000 results
            // has a million lines.
            let mut out = io::BufWriter::with_capacity(1 << 16, sink());
            serde_json::to_writer_pretty(&mut out, value).map_err(|e| match e.io_error_kind() {
                Some(io::ErrorKind::BrokenPipe) => Error::BrokenPipe,
                _ => Error::internal(format!("cannot write JSON: {e}")),
            })?;
            writeln!(out)?;
            out.flush()?;
            Ok(())
        })())
    }

    /// Prints CSV with a header row.
    pub fn csv(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut w = self.csv_stream(headers)?;
        for row in rows {
            w.row(row)?;
        }
        w.finish()
    }

    /// Starts CSV on stdout whose rows are written one at a time, so a long list is never
    /// held in memory as a whole.
    pub fn csv_stream(&self, headers: &[&str]) -> Result<CsvStream> {
        PRINTED.store(true, Ordering::Relaxed);
        let out = sink();
        let mut s = CsvStream {
            w: csv::Writer::from_writer(io::BufWriter::with_capacity(1 << 16, out)),
        };
        s.row(headers)?;
        Ok(s)
    }

    /// Prints a human table, fitted to the terminal: at its natural width when that fits,
    /// else as one block of `key: value` lines per record. A value is never broken across
    /// lines, so a table that would need to wrap a cell is not drawn as a table.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let text = render_table(headers, rows, self.width);
        if text.is_empty() {
            // No record, and not even the headers fit: nothing to show.
            return Ok(());
        }
        self.line(&text)
    }

    /// Prints a line of text on stdout.
    pub fn line(&self, text: &str) -> Result<()> {
        if stdout_closed() {
            return Ok(());
        }
        PRINTED.store(true, Ordering::Relaxed);
        settle((|| {
            let mut out = sink();
            writeln!(out, "{text}")?;
            out.flush()?;
            Ok(())
        })())
    }

    /// Prints key/value pairs as a two-column table (or CSV).
    pub fn pairs<T: Serialize>(&self, pairs: &[(&str, String)], json: &T) -> Result<()> {
        if self.format == OutputFormat::Table {
            // One record: when the two columns do not fit, its lines are the block itself.
            let headers = ["field", "value"];
            let rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|(k, v)| vec![k.to_string(), v.clone()])
                .collect();
            if fits(&headers, &rows, self.width) {
                return self.line(&render_table(&headers, &rows, None));
            }
            return self.line(&block(
                pairs.iter().map(|(k, v)| (*k, v.as_str())),
                self.width,
            ));
        }
        let rows: Vec<Vec<String>> = pairs
            .iter()
            .map(|(k, v)| vec![k.to_string(), v.clone()])
            .collect();
        self.records(&Records {
            headers: &["field", "value"],
            rows,
            json,
        })
    }
}

/// The width of the terminal results are shown on: `COLUMNS` when set (a positive
/// number), else the size of standard output when it is a terminal, else unknown.
pub fn terminal_width(columns: Option<&str>) -> Option<usize> {
    if let Some(n) = columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        if n > 0 {
            return Some(n);
        }
    }
    // SAFETY: winsize is plain old data; TIOCGWINSZ fills it for a terminal and fails
    // (leaving it zeroed) for anything else.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: fd 1 stays open for the process; the pointer is to a live winsize.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    // A fresh pseudo-terminal reports 0 columns: unknown, not zero.
    (ok && ws.ws_col > 0).then_some(usize::from(ws.ws_col))
}

/// The columns a text takes on a terminal: its widest line.
fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The width of a table drawn at its natural width: every column as wide as its widest
/// cell, one space of padding each side, and a border left, right and between columns.
fn natural_width(headers: &[&str], rows: &[Vec<String>]) -> usize {
    let cells: usize = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| text_width(c))
                .chain([text_width(headers[i])])
                .max()
                .unwrap_or(0)
        })
        .sum();
    cells + 3 * headers.len() + 1
}

/// Whether a table fits `width` columns without wrapping a cell.
fn fits(headers: &[&str], rows: &[Vec<String>], width: Option<usize>) -> bool {
    width.is_none_or(|w| natural_width(headers, rows) <= w)
}

/// A table as text: drawn when it fits, else one `key: value` block per record.
fn render_table(headers: &[&str], rows: &[Vec<String>], width: Option<usize>) -> String {
    if !fits(headers, rows, width) {
        return rows
            .iter()
            .map(|row| {
                block(
                    headers.iter().zip(row).map(|(h, v)| (*h, v.as_str())),
                    width,
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .apply_modifier(UTF8_ROUND_CORNERS)
        // Never wrap: a value is never broken across lines (fits() chose this form).
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().copied());
    for row in rows {
        t.add_row(row.iter().map(String::as_str));
    }
    t.to_string()
}

/// One record as `key: value` lines. An empty value is left out; a value too long to
/// share its line with the key goes, whole, on the next line, indented.
fn block<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>, width: Option<usize>) -> String {
    let mut lines = Vec::new();
    for (key, value) in pairs {
        if value.trim().is_empty() {
            continue;
        }
        let one_line =
            !value.contains('\n') && width.is_none_or(|w| key.width() + 2 + value.width() <= w);
        if one_line {
            lines.push(format!("{key}: {value}"));
        } else {
            lines.push(format!("{key}:"));
            lines.extend(value.lines().map(|l| format!("  {l}")));
        }
    }
    lines.join("\n")
}

/// Set once a reader closed stdout (`usermgr ... | head`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Set once a result was written to stdout.
static PRINTED: AtomicBool = AtomicBool::new(false);

/// For `-o json`: when a command fails before printing its result, stdout still gets one
/// JSON document, the error, so a script can read what went wrong as data:
/// `{"error":{"exit_code":3,"message":"…","details":[{"line":58,"column":"email","message":"…"}]}}`
/// (`details` is empty for errors that are not about input rows; `needed` names the
/// permission that would lift an exit 5, when one would).
pub fn json_error(e: &Error) {
    if PRINTED.load(Ordering::Relaxed) || stdout_closed() {
        return;
    }
    let (message, details) = match e {
        Error::InvalidRows { summary, details } => (summary.clone(), details.as_slice()),
        other => (format!("{other:#}"), &[][..]),
    };
    let mut doc = serde_json::json!({
        "error": { "exit_code": e.exit_code(), "message": message, "details": details }
    });
    if let Some(p) = e.needed_permission() {
        doc["error"]["needed"] = p.key().into();
    }
    let _ = Output::new(OutputFormat::Json).json(&doc);
}

/// Whether stdout was closed by its reader; results are then dropped quietly.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// A closed stdout is not the command's failure: remember it and carry on, so the command
/// still ends with its own outcome (exit 9 for failed emails, 10 for a required reset).
fn settle(r: Result<()>) -> Result<()> {
    match r {
        Err(Error::BrokenPipe) => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => other,
    }
}

thread_local! {
    /// While set, results this thread prints are kept here instead of going to stdout, so
    /// an in-process test can read what a command printed.
    static CAPTURED: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Where results go: stdout, or this thread's capture.
enum Sink {
    Stdout(io::StdoutLock<'static>),
    Captured,
}

fn sink() -> Sink {
    if CAPTURED.with(|c| c.borrow().is_some()) {
        Sink::Captured
    } else {
        Sink::Stdout(io::stdout().lock())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Captured => {
                CAPTURED.with(|c| c.borrow_mut().get_or_insert_with(Vec::new).extend(buf));
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Captured => Ok(()),
        }
    }
}

/// Starts keeping what this thread prints as results, instead of writing it to stdout.
#[cfg(test)]
pub(crate) fn capture_start() {
    CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
}

/// Stops keeping results and returns what was printed since [`capture_start`].
#[cfg(test)]
pub(crate) fn capture_take() -> String {
    let bytes = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// CSV being written to stdout, row by row.
pub struct CsvStream {
    w: csv::Writer<io::BufWriter<Sink>>,
}

fn csv_error(e: csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe => Error::BrokenPipe,
        _ => Error::internal(format!("cannot write CSV: {e}")),
    }
}

impl CsvStream {
    /// Writes one row; a cell a spreadsheet would evaluate gets a leading `'` (R32).
    pub fn row<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        if stdout_closed() {
            return Ok(());
        }
        let write = || -> std::result::Result<(), csv::Error> {
            for c in cells {
                self.w.write_field(defuse(c.as_ref()))?;
            }
            self.w.write_record(None::<&[u8]>)
        };
        settle(write().map_err(csv_error))
    }

    /// Flushes what is left.
    pub fn finish(mut self) -> Result<()> {
        if stdout_closed() {
            return Ok(());
        }
        settle(self.w.flush().map_err(Error::from))
    }
}

/// A CSV column name: the table header in snake_case (`reset required` → `reset_required`),
/// the form `add-users --from` reads.
pub fn csv_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Whether a raw command line asks for JSON output (`-o json`, `-ojson`, `--output json`,
/// `--output=json`, also inside a cluster like `-qo json`), so that even an error clap
/// reports before anything is parsed can be printed as the JSON error document.
pub fn json_requested<I, S>(args: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    let mut wanted = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let next = args.get(i + 1).map(String::as_str);
        if a == "--" {
            break;
        }
        let value = if a == "--output" {
            i += 1;
            next
        } else if let Some(v) = a.strip_prefix("--output=") {
            Some(v)
        } else if a.starts_with('-') && !a.starts_with("--") {
            // A cluster of short flags: `q` takes no value, `o` takes the rest or the next.
            let flags = &a[1..];
            match flags.find('o') {
                Some(p) if flags[..p].chars().all(|c| c == 'q') => {
                    let rest = &flags[p + 1..];
                    if rest.is_empty() {
                        i += 1;
                        next
                    } else {
                        Some(rest.strip_prefix('=').unwrap_or(rest))
                    }
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some(v) = value {
            // The last occurrence wins, as with clap.
            wanted = v == "json";
        }
        i += 1;
    }
    wanted
}

/// The first characters that make a spreadsheet evaluate a cell (R32).
pub const FORMULA_STARTS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// Whether a cell, after any leading `'`, starts with a character a spreadsheet evaluates.
pub fn formula_like(cell: &[u8]) -> bool {
    let start = cell.iter().position(|b| *b != b'\'');
    start.is_some_and(|i| FORMULA_STARTS.contains(&cell[i]))
}

/// A CSV cell as written: one that a spreadsheet would evaluate gets a leading `'` (R32);
/// `add-users --from` strips it again. A cell already made of `'`s before such a character
/// gets one more, so every cell reads back unchanged.
pub fn defuse(cell: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if formula_like(cell) {
        let mut v = Vec::with_capacity(cell.len() + 1);
        v.push(b'\'');
        v.extend_from_slice(cell);
        std::borrow::Cow::Owned(v)
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// "yes"/"no" for tables.
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

#[cfg(test)]
mod tests;
