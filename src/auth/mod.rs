//! Who may do what, and over which records. The web layer turns a session into a
//! [`Viewer`]; every route names the [`Permission`] it needs (one table,
//! `web::routes`), and every ledger query takes the viewer's [`Scope`].

pub mod password;
pub mod role;
pub mod scope;

pub use role::{Department, Permission, Role};
pub use scope::Scope;

/// The person behind a request, as the handlers see them.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Option<Department>,
    pub scope: Scope,
    pub ip: String,
}

impl Viewer {
    pub fn can(&self, p: Permission) -> bool {
        self.role.permissions(self.department).contains(&p)
    }

    /// How this viewer appears in the audit log.
    pub fn actor(&self) -> crate::storage::audit::Actor {
        crate::storage::audit::Actor { name: self.username.clone(), role: self.role_label(), ip: self.ip.clone() }
    }

    /// Role with department, e.g. `bureau:environment`.
    pub fn role_label(&self) -> String {
        match self.department {
            Some(d) => format!("{}:{}", self.role.code(), d.code()),
            None => self.role.code().to_string(),
        }
    }
}
