//! Every integration test, in one binary (as bottom and xsv do): one link of
//! the crate and its dependencies instead of one per file. Each module is a
//! subject; `common` holds what they share.

mod common;

mod aggregate;
mod app;
mod app_pairs;
mod app_tables;
mod baci;
mod baci_world;
mod calendar;
mod chart_span;
mod charts;
mod cli;
mod cli_usage;
mod comext;
mod counts;
mod derivation;
mod escapes;
mod export_dir;
mod export_order;
mod fetch;
mod find;
mod flags;
mod golden;
mod hardening;
mod imf;
mod import_downloads;
mod import_formats;
mod import_fuzz;
mod layers;
mod loader;
mod messages;
mod mouse;
mod mouse_batch;
mod opening_pair;
mod other_currency;
mod parquet;
mod parquet_bounds;
mod parquet_nulls;
mod print;
mod products;
mod realdata;
mod relational;
mod reload;
mod render;
mod revisions;
mod sdmx_deletions;
mod silent_keys;
mod special_files;
mod summed_parts;
mod tab_registry;
mod terminal;
mod unit_mult;
mod unit_mult_mark;
mod wits;
