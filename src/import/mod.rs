//! Readers of what users already have: a server-side Tag Manager container export today.
//!
//! An importer reads bytes it is given (the CLI and the app open the files), and produces an
//! edit of the project (`edit::Command`) and findings; it never writes a file itself.

pub mod fides;
pub mod gtm;
