//! Values to and from the server: result columns as [`Value`]s, and [`Value`]s as the
//! parameters of prepared and unprepared statements.

use bytes::BytesMut;
use postgres::types::{Format, IsNull, ToSql, Type};

use crate::store::sql::{DbError, Value};

/// A column of a row as a [`Value`]: integers (and booleans) as integers, text as text.
pub(super) fn value_of(
    r: &postgres::Row,
    i: usize,
    ty: &Type,
) -> std::result::Result<Value, DbError> {
    let bad = |e: postgres::Error| DbError::other(format!("column {i}: {e}"));
    Ok(match *ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(i).map_err(bad)?.into(),
        Type::INT4 => r.try_get::<_, Option<i32>>(i).map_err(bad)?.into(),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(i)
            .map_err(bad)?
            .map(i64::from)
            .into(),
        Type::BOOL => r.try_get::<_, Option<bool>>(i).map_err(bad)?.into(),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i).map_err(bad)?.into(),
        Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i).map_err(bad)?.into(),
        _ => r.try_get::<_, Option<String>>(i).map_err(bad)?.into(),
    })
}

/// A [`Value`] as a parameter of an unprepared statement: in text, declared `unknown` so
/// the server types it from the statement exactly as it types a prepared one's; the arrays
/// of the bulk statements in binary, declared as what they are.
#[derive(Debug)]
pub(super) struct PgText<'a>(pub(super) &'a Value);

impl PgText<'_> {
    pub(super) fn declared(v: &Value) -> Type {
        match v {
            Value::Texts(_) => Type::TEXT_ARRAY,
            Value::Ints(_) => Type::INT8_ARRAY,
            _ => Type::UNKNOWN,
        }
    }
}

impl ToSql for PgText<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text = match self.0 {
            Value::Null => return Ok(IsNull::Yes),
            Value::Int(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Text(s) => {
                out.extend_from_slice(s.as_bytes());
                return Ok(IsNull::No);
            }
            Value::Blob(b) => {
                let mut hex = String::with_capacity(2 + 2 * b.len());
                hex.push_str("\\x");
                for byte in b {
                    hex.push_str(&format!("{byte:02x}"));
                }
                hex
            }
            Value::Texts(_) | Value::Ints(_) => return PgValue(self.0).to_sql(ty, out),
        };
        out.extend_from_slice(text.as_bytes());
        Ok(IsNull::No)
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, _: &Type) -> Format {
        match self.0 {
            Value::Texts(_) | Value::Ints(_) => Format::Binary,
            _ => Format::Text,
        }
    }

    postgres::types::to_sql_checked!();
}

/// A [`Value`] as a parameter of whatever type the server inferred for it.
#[derive(Debug)]
pub(super) struct PgValue<'a>(pub(super) &'a Value);

impl ToSql for PgValue<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match (self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Value::Int(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Int(i), _) => i.to_string().as_str().to_sql(&Type::TEXT, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), _) => f.to_string().as_str().to_sql(&Type::TEXT, out),
            (Value::Text(s), &Type::INT8) => s.parse::<i64>()?.to_sql(ty, out),
            (Value::Text(s), _) => s.as_str().to_sql(&Type::TEXT, out),
            (Value::Blob(b), _) => b.as_slice().to_sql(&Type::BYTEA, out),
            (Value::Texts(v), _) => v.to_sql(&Type::TEXT_ARRAY, out),
            (Value::Ints(v), _) => v.to_sql(&Type::INT8_ARRAY, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}
