//! The `rapport` command line.

use clap::{Parser, Subcommand};

use crate::config::{DatabaseSettings, ServeSettings};

/// Rapport: influencer relationship management.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve the API (and the web app) until stopped.
    Serve(Box<ServeSettings>),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseSettings),
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
}
