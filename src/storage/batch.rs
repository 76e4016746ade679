//! Multi-row INSERTs. Each statement is a round trip to the database (for SQLite, a
//! hand-off to its worker thread), so bulk writes send up to `ROWS_PER_STATEMENT` rows
//! at a time; with at most two statement shapes per table the prepared-statement cache
//! stays warm.

use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use super::float::Float;
use crate::error::Result;

// Not more: sqlx binds SQLite parameters by name lookup, which is linear in the
// number of parameters, so very wide statements cost quadratic time.
pub const ROWS_PER_STATEMENT: usize = 40;

#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Value {
        Value::Int(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Int(Some(v as i64))
    }
}
impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Value {
        Value::Real(v)
    }
}

/// Insert `rows` into `table`; with `returning`, the returned rows of every statement.
pub async fn insert_rows(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value>],
    returning: Option<&str>,
) -> Result<Vec<AnyRow>> {
    let mut out = Vec::new();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            debug_assert_eq!(row.len(), columns.len());
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for j in 0..row.len() {
                n += 1;
                sql.push_str(&if j == 0 { format!("${n}") } else { format!(", ${n}") });
            }
            sql.push(')');
        }
        if let Some(r) = returning {
            sql.push_str(" RETURNING ");
            sql.push_str(r);
        }
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for v in row {
                q = match v {
                    Value::Text(s) => q.bind(s.clone()),
                    Value::OptText(s) => q.bind(s.clone()),
                    Value::Int(i) => q.bind(*i),
                    Value::Real(f) => q.bind(Float(*f)),
                };
            }
        }
        if returning.is_some() {
            out.extend(q.fetch_all(&mut **tx).await?);
        } else {
            q.execute(&mut **tx).await?;
        }
    }
    Ok(out)
}
