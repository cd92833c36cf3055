//! The command line's tests, one binary (`cargo test -p decision-widget`):
//! the program run on the files in `tests/fixtures/` (what it prints,
//! where, and its exit codes), and prerendering pages.

mod cli;
mod prerender;
