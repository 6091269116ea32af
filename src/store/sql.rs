//! What a database backend gives the typed operations of the store: values, rows and one
//! open transaction ([`Conn`]). SQL text is shared by both backends and written with `?N`
//! placeholders (PostgreSQL's backend rewrites them to `$N`); backend errors arrive here
//! already classified as a [`DbError`], so no backend type leaks past its own module.

use std::fmt;

use crate::error::Error;

/// One SQL value, as both backends store it: integers (also booleans, 0/1, and times in
/// milliseconds), text and bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Int(i64),
    /// A float.
    Real(f64),
    /// UTF-8 text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
    /// Many texts (`None` is NULL) as one parameter: a PostgreSQL array (`?1::text[]`) for
    /// the bulk statements; SQLite has no arrays and refuses it.
    Texts(Vec<Option<String>>),
    /// Many integers as one parameter (`?1::int8[]`), as [`Value::Texts`].
    Ints(Vec<Option<i64>>),
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Value {
            fn from(v: &$t) -> Value {
                Value::from(*v)
            }
        }
    )*};
}
from_int!(i64, i32, u32, u16, u8, usize);

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Int(i64::from(v))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Value {
        Value::Blob(v.to_vec())
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Blob(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// The parameters of one statement: `params![a, b]` is `&[Value::from(a), Value::from(b)]`.
macro_rules! params {
    () => { &[] as &[$crate::store::sql::Value] };
    ($($x:expr),+ $(,)?) => { &[$($crate::store::sql::Value::from($x)),+] as &[$crate::store::sql::Value] };
}
pub(crate) use params;

/// One result row.
#[derive(Debug, Default, Clone)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    /// A row of these values (backends build rows with it).
    pub fn new(values: Vec<Value>) -> Row {
        Row { values }
    }

    /// The backend's buffer, refilled for every row of a query.
    pub fn values_mut(&mut self) -> &mut Vec<Value> {
        &mut self.values
    }

    /// Column `i` as a `T`.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T, DbError> {
        let v = self
            .values
            .get(i)
            .ok_or_else(|| DbError::other(format!("no column {i} in the row")))?;
        T::from_value(v).ok_or_else(|| DbError::other(format!("column {i}: unexpected {v:?}")))
    }
}

/// A Rust type a column converts into.
pub trait FromValue: Sized {
    /// `None` when the value does not fit the type.
    fn from_value(v: &Value) -> Option<Self>;
}

macro_rules! to_int {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: &Value) -> Option<$t> {
                match v {
                    Value::Int(i) => <$t>::try_from(*i).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
to_int!(i64, i32, u32, u16, usize);

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<bool> {
        match v {
            Value::Int(i) => Some(*i != 0),
            _ => None,
        }
    }
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<f64> {
        match v {
            Value::Real(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<String> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Option<Vec<u8>> {
        match v {
            Value::Blob(b) => Some(b.clone()),
            Value::Text(s) => Some(s.as_bytes().to_vec()),
            _ => None,
        }
    }
}

impl FromValue for Value {
    fn from_value(v: &Value) -> Option<Value> {
        Some(v.clone())
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Option<T>> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// What kind of failure a backend met, in the terms the store's callers need.
#[derive(Debug)]
pub enum DbErrorKind {
    /// A UNIQUE or primary key constraint (callers turn it into a named conflict).
    Unique,
    /// A foreign key: something referred to was deleted meanwhile.
    ForeignKey,
    /// Another writer holds the database (its lock timeout passed).
    Busy,
    /// A serialisation failure or a deadlock: the transaction can be run again.
    Contended,
    /// The database cannot be reached or opened (exit 11).
    Unavailable,
    /// Anything else: a bug or a broken database.
    Other,
}

/// An error of a backend, classified, with its message (never holding a password).
#[derive(Debug)]
pub struct DbError {
    /// What kind of failure.
    pub kind: DbErrorKind,
    /// The backend's own words.
    pub message: String,
    /// An error of the caller's row callback, passed through unchanged.
    pub caller: Option<Box<Error>>,
}

impl DbError {
    /// An error of this kind.
    pub fn new(kind: DbErrorKind, message: impl Into<String>) -> DbError {
        DbError {
            kind,
            message: message.into(),
            caller: None,
        }
    }

    /// An unclassified error.
    pub fn other(message: impl Into<String>) -> DbError {
        DbError::new(DbErrorKind::Other, message)
    }

    /// Carries an error of a row callback through the backend.
    pub fn caller(e: Error) -> DbError {
        DbError {
            kind: DbErrorKind::Other,
            message: String::new(),
            caller: Some(Box::new(e)),
        }
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DbError {}

impl From<DbError> for Error {
    fn from(e: DbError) -> Error {
        if let Some(caller) = e.caller {
            return *caller;
        }
        match e.kind {
            DbErrorKind::Contended => Error::Contended(format!(
                "the database aborted this command's transaction ({}): it conflicted with another session's transaction on the same rows",
                e.message
            )),
            DbErrorKind::Busy => Error::Busy(format!(
                "the database is busy ({}); another usermgr command is writing, try again",
                e.message
            )),
            DbErrorKind::ForeignKey => Error::Conflict(
                "a group, site, field, permission set or member this command refers to was deleted while it ran; nothing was written; run it again".into(),
            ),
            DbErrorKind::Unavailable => {
                Error::Busy(format!("the database is unavailable: {}", e.message))
            }
            DbErrorKind::Unique | DbErrorKind::Other => Error::Internal(
                anyhow::Error::msg(e.message).context("database error"),
            ),
        }
    }
}

/// One open transaction of a backend. Dropping it without [`Conn::commit`] rolls it back.
pub trait Conn {
    /// Runs a statement and returns how many rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError>;

    /// Runs a query and calls `f` with each row, streaming (the row is a reused buffer).
    fn query(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> Result<(), Error>,
    ) -> Result<(), DbError>;

    /// Runs several statements without parameters (schema changes).
    fn execute_batch(&self, sql: &str) -> Result<(), DbError>;

    /// Makes the transaction's changes permanent.
    fn commit(self: Box<Self>) -> Result<(), DbError>;

    /// Whether this is PostgreSQL (for the few statements the dialects spell differently).
    fn is_postgres(&self) -> bool {
        false
    }
}

/// The first row of a query, if any.
pub fn query_opt(conn: &dyn Conn, sql: &str, params: &[Value]) -> Result<Option<Row>, DbError> {
    let mut first = None;
    conn.query(sql, params, &mut |r| {
        if first.is_none() {
            first = Some(r.clone());
        }
        Ok(())
    })?;
    Ok(first)
}

/// Every row of a query.
pub fn query_all(conn: &dyn Conn, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
    let mut rows = Vec::new();
    conn.query(sql, params, &mut |r| {
        rows.push(r.clone());
        Ok(())
    })?;
    Ok(rows)
}

/// `?N` placeholders as PostgreSQL's `$N`, and bare `?` numbered in order as SQLite does
/// (a `?` inside a quoted string or identifier stays).
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut next = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            None if c == '?' => {
                next += 1;
                out.push_str(&format!("${next}"));
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            dollar_placeholders("SELECT '?1', \"a?2\" FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', \"a?2\" FROM t WHERE a = $1 AND b = $12"
        );
        assert_eq!(
            dollar_placeholders("a = ? AND b IN (?, ?)"),
            "a = $1 AND b IN ($2, $3)"
        );
    }

    #[test]
    fn rows_convert_and_say_what_did_not_fit() {
        let r = Row::new(vec![Value::Int(1), Value::Null, Value::Text("x".into())]);
        assert!(r.get::<bool>(0).unwrap());
        assert_eq!(r.get::<Option<i64>>(1).unwrap(), None);
        assert_eq!(r.get::<String>(2).unwrap(), "x");
        assert!(r.get::<i64>(2).is_err());
        assert!(r.get::<i64>(3).is_err());
    }
}
