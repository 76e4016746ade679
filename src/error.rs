//! One error type for the whole platform. Every variant that a person reads carries a
//! catalogue message ([`Msg`]: a stable code and typed parameters), rendered in the reader's
//! language at the edge: the web layer (`web::errors`) answers `{"code", "message"}` under
//! `/api/` and an error page elsewhere; the command line prints the message in the language of
//! `LANTIAN_LANG`/`LANG` and exits non-zero.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::i18n::catalogue::common;
use crate::i18n::{Lang, Msg};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    NotFound(Msg),
    #[error("{0}")]
    Invalid(Msg),
    /// A whole-file validation failure: the problems found (the first thousand listed, the
    /// rest counted), nothing written.
    #[error("{}", common::rejected(.0.total()))]
    Rejected(crate::ledger::Problems),
    #[error("{0}")]
    Conflict(Msg),
    #[error("{0}")]
    TooLarge(Msg),
    #[error("{0}")]
    Forbidden(Msg),
    /// An answer of the web layer with its own status (400, 401, 414, 429 …).
    #[error("{1}")]
    Http(StatusCode, Msg),
    #[error("{}", common::database(.0.to_string()))]
    Database(#[from] sqlx::Error),
    #[error("{}", common::migration(.0.to_string()))]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{}", common::io(.0.to_string()))]
    Io(#[from] std::io::Error),
    /// A failure of the machinery (a tool, a library); shown to people on the command line,
    /// logged and replaced by a generic message on the web.
    #[error("{0}")]
    Other(Msg),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Invalid(_) | Error::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::Http(s, _) => *s,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message a person reads. Failures of the machinery have their own code, with the
    /// detail as parameter (the web layer shows `common.internal` instead).
    pub fn message(&self) -> Msg {
        match self {
            Error::NotFound(m) | Error::Invalid(m) | Error::Conflict(m) | Error::TooLarge(m) | Error::Forbidden(m) | Error::Other(m) => m.clone(),
            Error::Http(_, m) => m.clone(),
            Error::Rejected(p) => common::rejected(p.total()),
            Error::Database(e) => common::database(e.to_string()),
            Error::Migrate(e) => common::migration(e.to_string()),
            Error::Io(e) => common::io(e.to_string()),
        }
    }

    /// The stable code programs read (`{"code": …}` in the JSON API).
    pub fn code(&self) -> &'static str {
        self.message().code()
    }

    /// The message in a language.
    pub fn render(&self, lang: Lang) -> String {
        self.message().render(lang)
    }

    /// Shorthand for a failure of a library or tool whose message is not ours to translate
    /// (it is shown as detail inside a catalogue text).
    pub fn other(e: impl std::fmt::Display) -> Error {
        Error::Other(common::internal_detail(e.to_string()))
    }

    /// A refused file (`map_err(Error::rejected)`): the problems, capped as every report is.
    pub fn rejected(problems: impl Into<crate::ledger::Problems>) -> Error {
        Error::Rejected(problems.into())
    }
}

/// What an error answer says, kept on the response so that `web::errors` can render it in
/// the request's language, as JSON or as a page.
#[derive(Clone, Debug)]
pub struct ErrorReply {
    pub status: StatusCode,
    pub msg: Msg,
    pub problems: Option<Vec<crate::ledger::Problem>>,
    /// Problems found beyond those listed (reports are capped).
    pub problems_omitted: usize,
}

impl ErrorReply {
    pub fn new(status: StatusCode, msg: Msg) -> ErrorReply {
        ErrorReply { status, msg, problems: None, problems_omitted: 0 }
    }

    /// `{"code", "message", "problems"}` in `lang`.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "code": self.msg.code(),
            "message": self.msg.render(lang),
            "problems": self.problems.as_ref().map(|ps| ps.iter().map(|p| p.json(lang)).collect::<Vec<_>>()),
            "problems_omitted": self.problems_omitted,
        })
    }
}

impl IntoResponse for ErrorReply {
    /// JSON in Chinese; `web::errors` replaces the body by the request's language and form.
    fn into_response(self) -> Response {
        let body = self.json(Lang::Zh);
        let status = self.status;
        let mut response = (status, axum::Json(body)).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let msg = if status.is_server_error() {
            tracing::error!(error = %self, code = self.code(), "request failed");
            common::internal()
        } else {
            self.message()
        };
        let (problems, problems_omitted) = match self {
            Error::Rejected(p) => {
                let omitted = p.omitted();
                (Some(p.into_listed()), omitted)
            }
            _ => (None, 0),
        };
        ErrorReply { status, msg, problems, problems_omitted }.into_response()
    }
}
