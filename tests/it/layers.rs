//! The modules of `src/` import one way: each top-level module only from
//! the layers below it, and no circle between the submodules of any module.
//! Read from the sources (`crate::…`, `super::…`, `self::…` paths, and
//! `eurasia_dash::…` in `main.rs`), so a new upward import fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, top first: a module may use those of the layers below its
/// own, never its own layer's others nor those above.
const LAYERS: &[&[&str]] = &[
    // The binary: arguments, setting the terminal up, starting the loop.
    &["main"],
    // The binary's flags, which go together, and the `--print` they ask for.
    &["cli"],
    // What runs the dashboard: the event loop (keys and the mouse to
    // actions) and `--watch`'s reloads, which the loop receives.
    &["event", "watch"],
    // The terminal's raw mode and signals, which the loop gives back and
    // takes again on Ctrl-Z.
    &["terminal"],
    // Pure drawing of the app's state.
    &["ui"],
    // State, actions, the key table with its hints and labels.
    &["app"],
    // What `e`, `y` and `--print` write, and `--check`'s report: both read
    // view models or the data, and the app asks for them. `fetch` writes
    // the files the loaders read, from the public APIs, for `main`.
    &["export", "check", "fetch"],
    // View models.
    &["view"],
    // Model, loaders, store, derived figures.
    &["data"],
];

/// A module's path from the crate root, `["ui", "bilateral", "mirror"]`.
type ModulePath = Vec<String>;

/// Every `.rs` file under `dir` with its module path.
fn sources(dir: &Path, module: &[String], found: &mut Vec<(ModulePath, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let mut inner = module.to_vec();
        if path.is_dir() {
            inner.push(name);
            sources(&path, &inner, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            if !matches!(name.as_str(), "mod" | "lib") {
                inner.push(name);
            }
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            found.push((inner, text));
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `text` without its `#[cfg(test)]` modules: a unit test may build its
/// fixture with a higher layer's help, as it is not part of the program.
fn without_tests(text: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]\nmod ") {
        kept.push_str(&rest[..at]);
        let body = &rest[at..];
        let mut depth = 0;
        let mut end = body.len();
        for (index, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => {
                    end = index + 1;
                    break;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        rest = &body[end..];
    }
    kept.push_str(rest);
    kept
}

/// The module paths a file's text names, resolved from `module` (the
/// file's own).
fn named_modules(module: &[String], text: &str) -> Vec<ModulePath> {
    let mut named = Vec::new();
    for root in ["crate::", "super::", "self::", "eurasia_dash::"] {
        for (at, _) in text.match_indices(root) {
            if text[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let here = module.to_vec();
            let mut rest = &text[at..];
            // Where the path starts: the root, or a module from the file's.
            let mut base: Option<ModulePath> = None;
            loop {
                if let Some(after) = rest.strip_prefix("crate::") {
                    base = Some(Vec::new());
                    rest = after;
                } else if let Some(after) = rest.strip_prefix("eurasia_dash::") {
                    base = Some(Vec::new());
                    rest = after;
                } else if let Some(after) = rest.strip_prefix("super::") {
                    base.get_or_insert_with(|| here.clone()).pop();
                    rest = after;
                } else if let Some(after) = rest.strip_prefix("self::") {
                    base.get_or_insert_with(|| here.clone());
                    rest = after;
                } else {
                    break;
                }
            }
            let mut path = base.unwrap_or_default();
            let (prefix, groups) = segments(rest);
            path.extend(prefix);
            for group in &groups {
                let mut full = path.clone();
                full.extend(group.iter().cloned());
                named.push(full);
            }
            if groups.is_empty() {
                named.push(path);
            }
        }
    }
    named
}

/// The lowercase segments of a path (`view::bilateral::Row` gives
/// `view`, `bilateral`), and those of each item of a `{…}` group after them.
fn segments(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut prefix = Vec::new();
    let mut rest = text;
    loop {
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            return (prefix, Vec::new());
        }
        rest = &rest[end..];
        if word != "self" {
            prefix.push(word.to_string());
        }
        let Some(after) = rest.strip_prefix("::") else {
            return (prefix, Vec::new());
        };
        rest = after;
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            let items = group[..end]
                .split(',')
                .map(|item| segments(item.trim()).0)
                .collect();
            return (prefix, items);
        }
    }
}

/// The modules kept in files of their own but compiled only for tests
/// (`#[cfg(test)]` then `mod name;`): like inline test modules, they may
/// build their fixtures with a higher layer's help.
fn test_modules(files: &[(ModulePath, String)]) -> BTreeSet<ModulePath> {
    let mut tests = BTreeSet::new();
    for (module, text) in files {
        for (at, _) in text.match_indices("#[cfg(test)]\nmod ") {
            let rest = &text[at + "#[cfg(test)]\nmod ".len()..];
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if rest[name.len()..].starts_with(';') {
                let mut path = module.clone();
                path.push(name);
                tests.insert(path);
            }
        }
    }
    tests
}

/// The import graph between sibling modules: for each parent, which of its
/// children uses which. A module using its own ancestor or descendant is
/// not an edge (a submodule uses its parent's helpers).
fn sibling_edges() -> BTreeMap<ModulePath, BTreeSet<(String, String)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &[], &mut files);
    let tests = test_modules(&files);
    files.retain(|(module, _)| !tests.contains(module));
    let modules: BTreeSet<ModulePath> = files.iter().map(|(module, _)| module.clone()).collect();
    let mut edges: BTreeMap<ModulePath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (from, text) in &files {
        for named in named_modules(from, &without_tests(text)) {
            // The longest prefix that is a module: `crate::ui::panel` is `ui`.
            let mut to = named;
            while !to.is_empty() && !modules.contains(&to) {
                to.pop();
            }
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue;
            }
            edges
                .entry(from[..common].to_vec())
                .or_default()
                .insert((from[common].clone(), to[common].clone()));
        }
    }
    edges
}

/// A circle in `edges`, as the modules along it, if there is one.
fn circle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeSet<(String, String)>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(found) = visit(to, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_top_level_modules_import_only_downwards() {
    let layer_of = |module: &str| {
        LAYERS
            .iter()
            .position(|layer| layer.contains(&module))
            .unwrap_or_else(|| panic!("src/{module} is in no layer of tests/it/layers.rs"))
    };
    let edges = sibling_edges();
    let top = edges.get(&Vec::new()).cloned().unwrap_or_default();
    let upward: Vec<String> = top
        .iter()
        .filter(|(from, to)| layer_of(from) >= layer_of(to))
        .map(|(from, to)| format!("{from} uses {to}"))
        .collect();
    assert!(upward.is_empty(), "imports against the layers: {upward:?}");
    // The layers read as the code does: the loop over the drawing over the
    // state, and the data at the bottom.
    for (from, to) in [
        ("event", "ui"),
        ("ui", "app"),
        ("app", "view"),
        ("view", "data"),
    ] {
        assert!(top.contains(&(from.into(), to.into())), "{from} uses {to}");
    }
}

/// The circles among the submodules of every module but those `skipped`.
fn circles(skipped: &[&str]) -> Vec<String> {
    sibling_edges()
        .iter()
        .filter(|(parent, _)| {
            !parent
                .first()
                .is_some_and(|top| skipped.contains(&top.as_str()))
        })
        .filter_map(|(parent, edges)| {
            circle(edges).map(|found| format!("in {}: {}", parent.join("::"), found.join(" → ")))
        })
        .collect()
}

#[test]
fn no_module_has_submodules_that_import_each_other_in_a_circle() {
    let circles = circles(&["data"]);
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

#[test]
fn the_data_modules_import_each_other_in_no_circle() {
    let circles = circles(&[]);
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

#[test]
fn the_reader_resolves_the_paths_a_file_names() {
    let module: Vec<String> = vec!["ui".into(), "bilateral".into(), "columns".into()];
    let text = "use super::super::format;\nuse super::mirror::{self, MARK};\n\
                use crate::view::{bilateral::Row, picker};\nfn f() { crate::data::x(); }\n";
    let named = named_modules(&module, text);
    let path = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    for expected in [
        path(&["ui", "format"]),
        path(&["ui", "bilateral", "mirror"]),
        path(&["view", "bilateral"]),
        path(&["view", "picker"]),
        path(&["data", "x"]),
    ] {
        assert!(named.contains(&expected), "{expected:?} in {named:?}");
    }
}
