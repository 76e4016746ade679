//! Server-rendered pages (maud). One file per page; `layout` holds the frame.

pub mod dossier;
pub mod home;
pub mod import;
pub mod layout;
pub mod list;
