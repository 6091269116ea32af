//! The only place that prints results: tables (comfy-table), JSON and CSV on stdout.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{
    modifiers::UTF8_ROUND_CORNERS, presets::UTF8_FULL_CONDENSED, ContentArrangement, Table,
};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::error::{Error, Result};

/// Prints results in the chosen format.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    format: OutputFormat,
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
        Output { format }
    }

    /// The chosen format.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Whether JSON was asked for.
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
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
    /// human form in tables.
    pub fn time(&self, ms: i64) -> String {
        match self.format {
            OutputFormat::Table => crate::domain::clock::human(ms),
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
            let mut out = io::stdout().lock();
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
        let out = io::stdout().lock();
        let mut s = CsvStream {
            w: csv::Writer::from_writer(io::BufWriter::with_capacity(1 << 16, out)),
        };
        s.row(headers)?;
        Ok(s)
    }

    /// Prints a human table.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .apply_modifier(UTF8_ROUND_CORNERS)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(headers.iter().copied());
        for row in rows {
            t.add_row(row.iter().map(String::as_str));
        }
        // A terminal that reports a tiny width (a fresh pseudo-terminal says 0) would wrap
        // every cell a character per line: print at natural width instead.
        if t.width().is_some_and(|w| w < 40) {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        self.line(&t.to_string())
    }

    /// Prints a line of text on stdout.
    pub fn line(&self, text: &str) -> Result<()> {
        if stdout_closed() {
            return Ok(());
        }
        PRINTED.store(true, Ordering::Relaxed);
        settle((|| {
            let mut out = io::stdout().lock();
            writeln!(out, "{text}")?;
            out.flush()?;
            Ok(())
        })())
    }

    /// Prints key/value pairs as a two-column table (or CSV).
    pub fn pairs<T: Serialize>(&self, pairs: &[(&str, String)], json: &T) -> Result<()> {
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

/// Set once a reader closed stdout (`usermgr ... | head`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Set once a result was written to stdout.
static PRINTED: AtomicBool = AtomicBool::new(false);

/// For `-o json`: when a command fails before printing its result, stdout still gets one
/// JSON document, the error, so a script can read what went wrong as data:
/// `{"error":{"exit_code":3,"message":"…","details":[{"line":58,"column":"email","message":"…"}]}}`
/// (`details` is empty for errors that are not about input rows).
pub fn json_error(e: &Error) {
    if PRINTED.load(Ordering::Relaxed) || stdout_closed() {
        return;
    }
    let (message, details) = match e {
        Error::InvalidRows { summary, details } => (summary.clone(), details.as_slice()),
        other => (format!("{other:#}"), &[][..]),
    };
    let doc = serde_json::json!({
        "error": { "exit_code": e.exit_code(), "message": message, "details": details }
    });
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

/// CSV being written to stdout, row by row.
pub struct CsvStream {
    w: csv::Writer<io::BufWriter<io::StdoutLock<'static>>>,
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
mod tests {
    use super::*;

    #[test]
    fn json_is_requested_in_every_spelling() {
        for args in [
            &["-o", "json", "groups", "create"][..],
            &["groups", "create", "--output", "json"],
            &["--output=json", "x"],
            &["-ojson"],
            &["-o=json"],
            &["-qo", "json"],
            &["-qojson", "users"],
        ] {
            assert!(json_requested(args), "{args:?}");
        }
        for args in [
            &["-o", "csv", "groups"][..],
            &["groups", "--", "-o", "json"],
            &["-o", "json", "-o", "table"],
            &["--org", "json"],
            &["-o"],
        ] {
            assert!(!json_requested(args), "{args:?}");
        }
    }

    #[test]
    fn csv_headers_are_snake_case() {
        assert_eq!(csv_header("reset required"), "reset_required");
        assert_eq!(
            csv_header("admin-set password expires"),
            "admin_set_password_expires"
        );
        assert_eq!(csv_header("email"), "email");
    }
}
