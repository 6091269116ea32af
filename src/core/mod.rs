//! The operations under the commands: the rules a command applies, shared by every command
//! that needs them. They call the store and the domain, never a command file.

pub mod ask;
pub mod audit;
pub mod auth;
pub mod directory;
pub mod doctor;
pub mod init;
pub mod members;
pub mod orgs;
pub mod password;
pub mod permission_sets;
pub mod provision;
pub mod settings;
