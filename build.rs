//! Whether the real downloads are next to the repository (`../shared/realdata`,
//! or the folder `EURASIA_REALDATA` names; never copied into it): when they
//! are not, the tests that read them are ignored, visibly, instead of passing.
//! (Run `touch build.rs` after the folder appears.)

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(realdata_absent)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=EURASIA_REALDATA");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = match std::env::var("EURASIA_REALDATA") {
        Ok(dir) => root.join(dir),
        Err(_) => root.join("../shared/realdata"),
    };
    if !dir.is_dir() {
        println!("cargo::rustc-cfg=realdata_absent");
    }
    println!("cargo::rustc-env=EURASIA_REALDATA_DIR={}", dir.display());
}
