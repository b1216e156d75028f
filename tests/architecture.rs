//! The house rule, kept by a test: a file of `crate/src` imports only from its own layer or
//! lower ones, and no files import each other in a circle. The layer map is the table in the
//! crate docs (`crate/src/lib.rs`, the block after "Layers, lowest first"), so the rule is
//! written in one place and this test reads it from there.
//!
//! What counts as an import: every `use` item, and every path in the code (`crate::x::y`,
//! `super::y`, `alias::y`, `child::y`), resolved to the file that defines the item (through
//! `use` aliases and re-exports). A module file's `pub use` of its own submodules is its
//! façade, not a dependency. Comments, doc comments and string literals are not code.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Upward imports and circles that the restructuring of issue 17 has not removed yet, as
/// "from -> to" file pairs (relative to `crate/src`). The list may only shrink: an entry that
/// is no longer an import fails the test until it is deleted here.
const DEBT: &[&str] = &[];

/// Files below `scenario/` that may still name schema keys in their errors
/// (`Error::invalid("n", …)`) instead of refusing a typed `Quantity` that `scenario/` maps to
/// its key. The list may only shrink, as [`DEBT`]; it is empty.
const KEY_DEBT: &[&str] = &[];

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

/// The tokens of Rust source that matter for paths: identifiers, `::` and punctuation;
/// comments, strings, characters, lifetimes and numbers are skipped.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if (ch == 'r' || ch == 'b')
            && (at(i + 1) == '"' || at(i + 1) == '#' || (at(i + 1) == 'r' && ch == 'b'))
            && raw_string_end(&c, i).is_some()
        {
            i = raw_string_end(&c, i).unwrap();
        } else if ch == '"' || (ch == 'b' && at(i + 1) == '"') {
            i += if ch == 'b' { 2 } else { 1 };
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if ch == '\'' {
            // A character literal ('a', '\n', '\u{..}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '.') {
                if c[i] == '.' && !at(i + 1).is_ascii_digit() {
                    break;
                }
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Tok::PathSep);
            i += 2;
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// The index after a raw string starting at `i` (`r"…"`, `r#"…"#`, `br"…"`), if one does.
fn raw_string_end(c: &[char], mut i: usize) -> Option<usize> {
    if c.get(i) == Some(&'b') {
        i += 1;
    }
    if c.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let mut hashes = 0;
    while c.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if c.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < c.len() {
        if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(c.len())
}

// ---------------------------------------------------------------------------------------------
// Use trees and paths

/// One `use` leaf: the path as written (relative to the module it is in) and its local name.
#[derive(Clone, Debug)]
struct UseLeaf {
    path: Vec<String>,
    name: Option<String>,
    public: bool,
    module: Vec<String>,
}

/// A path in code: its segments and the module it is written in.
#[derive(Clone, Debug)]
struct CodePath {
    path: Vec<String>,
    module: Vec<String>,
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// Parses a use tree at `*i` with `prefix`, pushing its leaves.
fn use_tree(
    t: &[Tok],
    i: &mut usize,
    prefix: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let mut path = prefix;
    loop {
        match t.get(*i) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                loop {
                    match t.get(*i) {
                        Some(Tok::Punct('}')) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *i += 1,
                        None => return,
                        _ => use_tree(t, i, path.clone(), leaves),
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                return; // globs bring no named alias
            }
            _ => break,
        }
        if t.get(*i) == Some(&Tok::PathSep) {
            *i += 1;
            continue;
        }
        break;
    }
    let mut name = path.last().cloned();
    if ident(t.get(*i)) == Some("as") {
        name = ident(t.get(*i + 1)).map(str::to_string);
        *i += 2;
    }
    if path.last().map(String::as_str) == Some("self") {
        path.pop();
        if name.as_deref() == Some("self") {
            name = path.last().cloned();
        }
    }
    leaves.push((path, name));
}

/// The `use` leaves and code paths of a file whose module is `module`.
fn scan(src: &str, module: &[String]) -> (Vec<UseLeaf>, Vec<CodePath>) {
    let t = tokens(src);
    let (mut uses, mut paths) = (Vec::new(), Vec::new());
    let mut inline: Vec<(String, usize)> = Vec::new(); // inline `mod x {` and its brace depth
    let mut depth = 0usize;
    let here = |inline: &[(String, usize)]| {
        let mut m = module.to_vec();
        m.extend(inline.iter().map(|(n, _)| n.clone()));
        m
    };
    let mut i = 0;
    while i < t.len() {
        match &t[i] {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Tok::Ident(k) if k == "mod" => {
                if let (Some(name), Some(Tok::Punct('{'))) = (ident(t.get(i + 1)), t.get(i + 2)) {
                    inline.push((name.to_string(), depth + 1));
                }
            }
            Tok::Ident(k) if k == "use" => {
                let public = i > 0
                    && (ident(t.get(i - 1)) == Some("pub")
                        || t.get(i - 1) == Some(&Tok::Punct(')')));
                let mut j = i + 1;
                let mut leaves = Vec::new();
                use_tree(&t, &mut j, Vec::new(), &mut leaves);
                for (path, name) in leaves {
                    uses.push(UseLeaf {
                        path,
                        name,
                        public,
                        module: here(&inline),
                    });
                }
                while j < t.len() && t[j] != Tok::Punct(';') {
                    j += 1;
                }
                i = j;
            }
            Tok::Ident(first)
                if t.get(i + 1) == Some(&Tok::PathSep) && (i == 0 || t[i - 1] != Tok::PathSep) =>
            {
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while t.get(j) == Some(&Tok::PathSep) {
                    match ident(t.get(j + 1)) {
                        Some(s) => path.push(s.to_string()),
                        None => break,
                    }
                    j += 2;
                }
                paths.push(CodePath {
                    path,
                    module: here(&inline),
                });
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (uses, paths)
}

// ---------------------------------------------------------------------------------------------
// The crate

struct Crate {
    /// Module path → file (relative to `crate/src`).
    modules: BTreeMap<Vec<String>, String>,
    /// File → its module path.
    module_of: BTreeMap<String, Vec<String>>,
    /// File → (local name → absolute path) of its `use` items.
    aliases: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// File → its use leaves and code paths.
    scanned: BTreeMap<String, (Vec<UseLeaf>, Vec<CodePath>)>,
}

fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

impl Crate {
    fn new(files: &[(String, String)]) -> Self {
        let mut c = Crate {
            modules: BTreeMap::new(),
            module_of: BTreeMap::new(),
            aliases: BTreeMap::new(),
            scanned: BTreeMap::new(),
        };
        for (rel, _) in files {
            c.modules.insert(module_path(rel), rel.clone());
            c.module_of.insert(rel.clone(), module_path(rel));
        }
        for (rel, src) in files {
            let scanned = scan(src, &module_path(rel));
            let mut map = BTreeMap::new();
            for u in &scanned.0 {
                if let (Some(name), Some(abs)) = (&u.name, c.absolute(&u.path, &u.module)) {
                    map.insert(name.clone(), abs);
                }
            }
            c.aliases.insert(rel.clone(), map);
            c.scanned.insert(rel.clone(), scanned);
        }
        c
    }

    /// `path` as written in `module`, made absolute; `None` for another crate's path.
    fn absolute(&self, path: &[String], module: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        let (mut base, rest) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (module.to_vec(), &path[1..]),
            "super" => {
                let mut m = module.to_vec();
                let mut k = 0;
                while path.get(k).map(String::as_str) == Some("super") {
                    m.pop();
                    k += 1;
                }
                (m, &path[k..])
            }
            _ => {
                let mut child = module.to_vec();
                child.push(first.clone());
                if self.modules.contains_key(&child) {
                    (module.to_vec(), path)
                } else {
                    return None;
                }
            }
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what the absolute `path` names.
    fn resolve(&self, path: &[String], depth: usize) -> Option<String> {
        let k = (0..=path.len())
            .rev()
            .find(|k| self.modules.contains_key(&path[..*k]))?;
        let file = self.modules[&path[..k]].clone();
        if k == path.len() || depth > 8 {
            return Some(file);
        }
        match self.aliases.get(&file).and_then(|a| a.get(&path[k])) {
            Some(target) if target.as_slice() != path => {
                let mut full = target.clone();
                full.extend(path[k + 1..].iter().cloned());
                self.resolve(&full, depth + 1).or(Some(file))
            }
            _ => Some(file),
        }
    }

    /// The files `rel` imports from.
    fn imports(&self, rel: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let (uses, paths) = &self.scanned[rel];
        let own_dir = self.module_of[rel].clone();
        let is_facade = rel == "lib.rs" || rel.ends_with("/mod.rs");
        for u in uses {
            let Some(abs) = self.absolute(&u.path, &u.module) else {
                continue;
            };
            let Some(target) = self.resolve(&abs, 0) else {
                continue;
            };
            // A module file's re-export of its own submodules is its façade.
            let below = self.module_of[&target].starts_with(&own_dir);
            if u.public && is_facade && below {
                continue;
            }
            out.insert(target);
        }
        let aliases = &self.aliases[rel];
        for p in paths {
            let abs = match aliases.get(&p.path[0]) {
                Some(a) if !matches!(p.path[0].as_str(), "crate" | "self" | "super") => {
                    let mut full = a.clone();
                    full.extend(p.path[1..].iter().cloned());
                    Some(full)
                }
                _ => self.absolute(&p.path, &p.module),
            };
            if let Some(target) = abs.and_then(|abs| self.resolve(&abs, 0)) {
                out.insert(target);
            }
        }
        out.remove(rel);
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The layer map, read from the crate docs

/// Top-level module → layer, from the table in `lib.rs`: lines `//! N name  mod mod …` between
/// the line containing "Layers, lowest first" and the end of that code block.
fn layer_map(lib_rs: &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    let mut inside = false;
    for line in lib_rs.lines() {
        let Some(doc) = line.trim_start().strip_prefix("//!") else {
            continue;
        };
        if doc.contains("Layers, lowest first") {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        let doc = doc.trim();
        if doc == "```" && !map.is_empty() {
            break;
        }
        let mut words = doc.split_whitespace();
        let Some(Ok(layer)) = words.next().map(str::parse::<usize>) else {
            continue;
        };
        words.next(); // the layer's name
        for m in words {
            map.insert(m.trim_end_matches('/').to_string(), layer);
        }
    }
    map
}

/// Every violation of the rule in `files`, as "from -> to: why".
fn violations(files: &[(String, String)]) -> Vec<(String, String, String)> {
    let lib = &files.iter().find(|(r, _)| r == "lib.rs").expect("lib.rs").1;
    let layers = layer_map(lib);
    assert!(
        layers.len() >= 8,
        "the layer table in lib.rs was not found: {layers:?}"
    );
    let krate = Crate::new(files);
    let layer_of = |rel: &str| -> Option<usize> {
        let m = &krate.module_of[rel];
        m.first().and_then(|top| layers.get(top.as_str()).copied())
    };
    let mut out = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, src) in files {
        if rel == "lib.rs" || rel.starts_with("bin/") {
            continue;
        }
        let Some(from) = layer_of(rel) else {
            out.push((
                rel.clone(),
                String::new(),
                "its top-level module is not in the layer table of lib.rs".into(),
            ));
            continue;
        };
        let top = krate.module_of[rel][0].clone();
        if top != "web" {
            for web_only in ["wasm_bindgen", "web_sys", "js_sys", "plotters_canvas"] {
                if tokens(src).contains(&Tok::Ident(web_only.into())) {
                    out.push((
                        rel.clone(),
                        web_only.into(),
                        "only web/ touches the browser".into(),
                    ));
                }
            }
        }
        for to in krate.imports(rel) {
            if to == "lib.rs" {
                continue;
            }
            let to_top = krate.module_of[&to].first().cloned().unwrap_or_default();
            let Some(to_layer) = layer_of(&to) else {
                continue;
            };
            if to_layer > from {
                out.push((
                    rel.clone(),
                    to.clone(),
                    format!("layer {from} imports layer {to_layer}"),
                ));
            } else if (top == "cli" && to_top == "web") || (top == "web" && to_top == "cli") {
                out.push((
                    rel.clone(),
                    to.clone(),
                    "cli and web never import each other".into(),
                ));
            } else if top == "plot" && to_top == "scenario" {
                out.push((
                    rel.clone(),
                    to.clone(),
                    "plot draws data; it never imports scenario".into(),
                ));
            }
            graph.entry(rel.clone()).or_default().insert(to);
        }
    }
    // Circles, with the listed debt's edges taken out.
    for (a, b) in DEBT.iter().filter_map(|d| d.split_once(" -> ")) {
        if let Some(e) = graph.get_mut(a) {
            e.remove(b);
        }
    }
    for circle in circles(&graph) {
        let first = circle[0].clone();
        let second = circle.get(1).cloned().unwrap_or_default();
        out.push((
            first,
            second,
            format!("import circle: {}", circle.join(" -> ")),
        ));
    }
    out
}

/// The strongly connected components of more than one file, each as a cycle through it.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan, iteratively small: the crate has ~100 files, recursion is fine.
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit(t: &mut T, v: &str) {
        t.index.insert(v.into(), t.next);
        t.low.insert(v.into(), t.next);
        t.next += 1;
        t.stack.push(v.into());
        t.on.insert(v.into());
        let succ: Vec<String> =
            t.g.get(v)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
        for w in succ {
            if !t.index.contains_key(&w) {
                visit(t, &w);
                let lw = t.low[&w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(&w) {
                let iw = t.index[&w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(&w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    let nodes: Vec<String> = graph.keys().cloned().collect();
    for v in nodes {
        if !t.index.contains_key(&v) {
            visit(&mut t, &v);
        }
    }
    t.out
}

fn crate_files() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crate/src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    files
}

#[test]
fn every_file_imports_only_from_its_own_layer_or_lower_and_no_files_form_a_circle() {
    let files = crate_files();
    if std::env::var_os("ARCH_GRAPH").is_some() {
        // `ARCH_GRAPH=1 cargo test --test architecture -- --nocapture`: every file's imports.
        let krate = Crate::new(&files);
        for (rel, _) in &files {
            println!("{rel} -> {:?}", krate.imports(rel));
        }
    }
    let found = violations(&files);
    let debt: BTreeSet<(&str, &str)> = DEBT.iter().filter_map(|d| d.split_once(" -> ")).collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(a, b, why)| {
            !debt.contains(&(a.as_str(), b.as_str())) || why.starts_with("import circle")
        })
        .map(|(a, b, why)| format!("  {a} -> {b}: {why}"))
        .collect();
    assert!(
        new.is_empty(),
        "the dependency rule (crate/src/lib.rs) is broken:\n{}",
        new.join("\n")
    );
    let krate = Crate::new(&files);
    let paid: Vec<&str> = DEBT
        .iter()
        .copied()
        .filter(|d| {
            let (a, b) = d.split_once(" -> ").unwrap();
            !krate.scanned.contains_key(a) || !krate.imports(a).contains(b)
        })
        .collect();
    assert!(
        paid.is_empty(),
        "these DEBT entries are paid: delete them from tests/architecture.rs: {paid:?}"
    );
}

/// Whether `src` builds an error that names a parameter key (the first argument of
/// `Error::invalid` is a key of the schema or a variable holding one).
fn names_keys(src: &str) -> bool {
    let t = tokens(src);
    t.windows(4).any(|w| {
        w[0] == Tok::Ident("Error".into())
            && w[1] == Tok::PathSep
            && w[2] == Tok::Ident("invalid".into())
            && w[3] == Tok::Punct('(')
    })
}

#[test]
fn nothing_below_scenario_names_a_schema_key_except_the_listed_debt() {
    let files = crate_files();
    let lib = &files.iter().find(|(r, _)| r == "lib.rs").expect("lib.rs").1;
    let layers = layer_map(lib);
    let scenario = layers["scenario"];
    let naming: BTreeSet<&str> = files
        .iter()
        .filter(|(rel, _)| {
            let top = module_path(rel).first().cloned().unwrap_or_default();
            layers.get(top.as_str()).is_some_and(|&l| l < scenario)
        })
        .filter(|(_, src)| names_keys(src))
        .map(|(rel, _)| rel.as_str())
        .collect();
    let debt: BTreeSet<&str> = KEY_DEBT.iter().copied().collect();
    let new: Vec<_> = naming.difference(&debt).collect();
    let paid: Vec<_> = debt.difference(&naming).collect();
    assert!(
        new.is_empty(),
        "below scenario/, these files name schema keys: {new:?}"
    );
    assert!(
        paid.is_empty(),
        "these KEY_DEBT entries are paid: delete them: {paid:?}"
    );
    assert!(
        !names_keys("let e = Error::Usage(x);")
            && names_keys("Err(Error::invalid(\"n\", 3, \"x\"))")
    );
}

// ---------------------------------------------------------------------------------------------
// The checker itself can fail

const LIB: &str = "//! Layers, lowest first:\n//! ```text\n//! 0 base   error\n//! 1 vocab  neuron\n//! 2 models meanfield\n//! 3 fit    fit\n//! 4 sc     scenario\n//! 5 an     analysis\n//! 6 plot   plot\n//! 7 app    app\n//! 8 faces  cli web\n//! ```\npub mod error;\npub use error::Error;\n";

fn toy(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut files = vec![
        ("lib.rs", LIB),
        ("error.rs", "pub struct Error;"),
        ("neuron/mod.rs", "mod pop;\npub use pop::Pop;"),
        ("neuron/pop.rs", "pub enum Pop { Exc }"),
        (
            "meanfield/mod.rs",
            "use crate::neuron::Pop;\npub fn f(_: Pop) -> Result<(), crate::Error> { Ok(()) }",
        ),
        ("scenario/mod.rs", "pub struct Scenario;"),
    ];
    files.extend_from_slice(extra);
    files
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_checker_accepts_a_clean_toy_crate() {
    assert!(
        violations(&toy(&[])).is_empty(),
        "{:?}",
        violations(&toy(&[]))
    );
}

#[test]
fn the_checker_finds_an_upward_import_through_a_reexport() {
    // neuron (1) naming Scenario (4), by a use item and by a path in code.
    for src in [
        "use crate::scenario::Scenario;\npub enum Pop { Exc }",
        "pub enum Pop { Exc }\npub fn g(_: &crate::scenario::Scenario) {}",
        "pub enum Pop { Exc }\npub fn g(_: &super::super::scenario::Scenario) {}",
    ] {
        let v = violations(&toy(&[("neuron/pop.rs", src)]));
        assert!(
            v.iter()
                .any(|(a, b, _)| a == "neuron/pop.rs" && b == "scenario/mod.rs"),
            "{src}: {v:?}"
        );
    }
}

#[test]
fn the_checker_finds_a_circle_and_ignores_strings_and_comments() {
    let v = violations(&toy(&[
        ("meanfield/a.rs", "use super::b::B; pub struct A;"),
        ("meanfield/b.rs", "pub struct B(pub super::a::A);"),
    ]));
    assert!(
        v.iter().any(|(_, _, why)| why.contains("import circle")),
        "{v:?}"
    );
    let quiet = violations(&toy(&[(
        "neuron/doc.rs",
        "//! See [`crate::scenario::Scenario`].\npub const S: &str = \"crate::scenario::Scenario\";\n/* crate::scenario::x */",
    )]));
    assert!(quiet.is_empty(), "{quiet:?}");
}
