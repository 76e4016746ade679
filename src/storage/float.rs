//! A nullable float that binds the same PostgreSQL type whether or not it is NULL.
//!
//! sqlx 0.8's Any driver binds `Option::<f64>::None` as a FLOAT4 null but `Some(f64)` as
//! FLOAT8; once a statement is prepared with the first, the second fails with
//! "incorrect binary data format". Binding through this type always says FLOAT8.

use sqlx::any::{Any, AnyTypeInfo, AnyTypeInfoKind};
// The buffer and value kinds are public in sqlx-core but not re-exported by sqlx.
use sqlx_core::any::{AnyArgumentBuffer, AnyValueKind};
use sqlx::encode::{Encode, IsNull};
use sqlx::error::BoxDynError;
use sqlx::Type;

#[derive(Clone, Copy, Debug)]
pub struct Float(pub Option<f64>);

impl Type<Any> for Float {
    fn type_info() -> AnyTypeInfo {
        <f64 as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for Float {
    fn encode_by_ref(&self, buf: &mut AnyArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        match self.0 {
            Some(v) => {
                buf.0.push(AnyValueKind::Double(v));
                Ok(IsNull::No)
            }
            None => {
                // `Real` nulls are bound as Option::<f64>::None, i.e. FLOAT8 (the kinds are swapped upstream).
                buf.0.push(AnyValueKind::Null(AnyTypeInfoKind::Real));
                Ok(IsNull::Yes)
            }
        }
    }
}
