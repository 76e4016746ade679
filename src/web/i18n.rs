//! The viewer's language as an extractor. The language itself and the message catalogue live
//! in `crate::i18n`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

pub use crate::i18n::Lang;

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_parts(parts))
    }
}
