//! CSV input: a header naming the columns, then one user per record.

use std::io::BufRead;

use secrecy::SecretString;

use super::*;
use crate::error::{Error, Result, RowError};
use crate::output::formula_like;

/// R32: an exported cell that a spreadsheet would evaluate was written with a leading `'`;
/// strip exactly that one (a `'` before anything else is the value's own).
pub(super) fn unescape(cell: &str) -> &str {
    if cell.starts_with('\'') && formula_like(cell.as_bytes()) {
        &cell[1..]
    } else {
        cell
    }
}

/// One CSV record as read: its first physical line, its cells, and why it cannot be used.
pub(super) struct Record {
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
pub(super) fn csv_records(
    mut r: impl BufRead,
    mut each: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
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

pub(super) fn read_csv(r: impl BufRead, label: &str, sink: &mut dyn Sink) -> Result<Summary> {
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

pub(super) fn csv_header(rec: &Record, label: &str) -> Result<Vec<Column>> {
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
