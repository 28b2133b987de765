//! Checks a theme's compiled templates before anything renders: a template may not read the
//! environment (Tera's `get_env()`: a CI job's token was printed into a customer report), and no
//! macro or include may call itself, directly or through others.
//!
//! Recursion is refused statically, at theme load, rather than limited while rendering: Tera has
//! no depth limit, and a stack overflow aborts the whole process whatever thread it happens on
//! (it took `folio serve` down and left a build's temporary folder behind), so it cannot be
//! caught and turned into an error. Templates lay out view models that folio has already
//! computed and flattened; a theme has no need of recursion, and the default theme has none.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// A template, or a macro of a template: what can call another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro(String, String),
}

impl Unit {
    fn describe(&self) -> String {
        match self {
            Unit::Template(t) => format!("template `{t}`"),
            Unit::Macro(t, m) => format!("macro `{m}` of template `{t}`"),
        }
    }

    fn template(&self) -> &str {
        match self {
            Unit::Template(t) | Unit::Macro(t, _) => t,
        }
    }
}

/// What a unit's body calls.
#[derive(Default)]
struct Calls {
    /// Macros: (namespace, name).
    macros: Vec<(String, String)>,
    /// Included templates.
    includes: Vec<String>,
    /// Functions by name.
    functions: Vec<String>,
}

/// Functions a theme may not call, and why.
const FORBIDDEN: [(&str, &str); 1] = [(
    "get_env",
    "reads the environment of the process (a CI token would be printed into a page)",
)];

/// Why the templates of `tera` may not render, if they may not: the first template calling a
/// forbidden function, or the first macro or include that calls itself.
pub(super) fn check(tera: &Tera) -> Result<(), String> {
    let mut graph: BTreeMap<Unit, Calls> = BTreeMap::new();
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    for name in names {
        let tpl = &tera.templates[name];
        let mut calls = Calls::default();
        nodes(&tpl.ast, &mut calls);
        graph.insert(Unit::Template(name.clone()), calls);
        for (m, def) in &tpl.macros {
            let mut calls = Calls::default();
            nodes(&def.body, &mut calls);
            graph.insert(Unit::Macro(name.clone(), m.clone()), calls);
        }
    }
    for (unit, calls) in &graph {
        for f in &calls.functions {
            if let Some((_, why)) = FORBIDDEN.iter().find(|(name, _)| name == f) {
                return Err(format!(
                    "{} calls `{f}()`, which folio themes do not have: it {why}",
                    unit.describe()
                ));
            }
        }
    }
    // Edges, resolved: `self::m` is a macro of the same template, `ns::m` one of the file the
    // template imports as `ns`.
    let edges = |unit: &Unit| -> Vec<Unit> {
        let calls = &graph[unit];
        let tpl = &tera.templates[unit.template()];
        let mut out: Vec<Unit> = calls
            .includes
            .iter()
            .filter(|t| tera.templates.contains_key(*t))
            .map(|t| Unit::Template(t.clone()))
            .collect();
        for (ns, m) in &calls.macros {
            let file = if ns == "self" {
                Some(unit.template().to_string())
            } else {
                tpl.imported_macro_files
                    .iter()
                    .find(|(_, alias)| alias == ns)
                    .map(|(file, _)| file.clone())
            };
            if let Some(file) = file {
                let target = Unit::Macro(file, m.clone());
                if graph.contains_key(&target) {
                    out.push(target);
                }
            }
        }
        out
    };
    // Depth-first search for a cycle, without recursion (a theme could be large).
    let mut done: BTreeSet<Unit> = BTreeSet::new();
    for start in graph.keys() {
        if done.contains(start) {
            continue;
        }
        let mut path: Vec<(Unit, Vec<Unit>)> = vec![(start.clone(), edges(start))];
        while let Some((_, next)) = path.last_mut() {
            let Some(to) = next.pop() else {
                let (unit, _) = path.pop().expect("not empty");
                done.insert(unit);
                continue;
            };
            if let Some(at) = path.iter().position(|(u, _)| *u == to) {
                let cycle: Vec<String> = path[at..].iter().map(|(u, _)| u.describe()).collect();
                let what = if cycle.len() == 1 {
                    format!("{} calls itself", cycle[0])
                } else {
                    format!("{} calls itself through {}", cycle[0], cycle[1..].join(", then "))
                };
                return Err(format!(
                    "{what}: recursion is not allowed in folio themes (it would exhaust the stack)"
                ));
            }
            if !done.contains(&to) {
                let e = edges(&to);
                path.push((to, e));
            }
        }
    }
    Ok(())
}

fn nodes(body: &[Node], calls: &mut Calls) {
    for node in body {
        match node {
            Node::VariableBlock(_, e) => expr(e, calls),
            // Walked as units of their own.
            Node::MacroDefinition(..) => {}
            Node::Include(_, names, _) => calls.includes.extend(names.iter().cloned()),
            Node::Set(_, set) => expr(&set.value, calls),
            Node::FilterSection(_, f, _) => {
                function(&f.filter, calls, false);
                nodes(&f.body, calls);
            }
            Node::Block(_, b, _) => nodes(&b.body, calls),
            Node::Forloop(_, f, _) => {
                expr(&f.container, calls);
                nodes(&f.body, calls);
                if let Some(empty) = &f.empty_body {
                    nodes(empty, calls);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    expr(cond, calls);
                    nodes(body, calls);
                }
                if let Some((_, body)) = &i.otherwise {
                    nodes(body, calls);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }
}

/// A function call or a filter (`is_function`: the former) and its arguments.
fn function(f: &FunctionCall, calls: &mut Calls, is_function: bool) {
    if is_function {
        calls.functions.push(f.name.clone());
    }
    for arg in f.args.values() {
        expr(arg, calls);
    }
}

fn expr(e: &Expr, calls: &mut Calls) {
    for f in &e.filters {
        function(f, calls, false);
    }
    value(&e.val, calls);
}

fn value(v: &ExprVal, calls: &mut Calls) {
    match v {
        ExprVal::Math(m) => {
            expr(&m.lhs, calls);
            expr(&m.rhs, calls);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, calls);
            expr(&l.rhs, calls);
        }
        ExprVal::In(i) => {
            expr(&i.lhs, calls);
            expr(&i.rhs, calls);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr(a, calls)),
        ExprVal::MacroCall(m) => {
            calls.macros.push((m.namespace.clone(), m.name.clone()));
            m.args.values().for_each(|a| expr(a, calls));
        }
        ExprVal::FunctionCall(f) => function(f, calls, true),
        ExprVal::Array(items) => items.iter().for_each(|a| expr(a, calls)),
        ExprVal::StringConcat(s) => s.values.iter().for_each(|v| value(v, calls)),
        ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) | ExprVal::Ident(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        tera
    }

    #[test]
    fn the_default_theme_passes() {
        let theme = crate::render::theme::Theme::load(None).unwrap();
        assert!(crate::render::engine(&theme).is_ok());
    }

    #[test]
    fn get_env_is_refused_wherever_it_is_called() {
        for body in [
            r#"{{ get_env(name="CI_JOB_TOKEN") }}"#,
            r#"{% if get_env(name="X", default="") %}x{% endif %}"#,
            r#"{% set t = get_env(name="X") | upper %}{{ t }}"#,
            r#"{{ "a" ~ view.x | default(value=get_env(name="X")) }}"#,
            r#"{% for c in [1, get_env(name="X")] %}{% endfor %}"#,
            r#"{% macro m() %}{{ get_env(name="X") }}{% endmacro %}"#,
        ] {
            let err = check(&tera(&[("report.html", body)])).unwrap_err();
            assert!(
                err.contains("`report.html`") && err.contains("get_env"),
                "{body}: {err}"
            );
        }
        assert_eq!(check(&tera(&[("a.html", "{{ range(end=2) | length }}")])), Ok(()));
    }

    #[test]
    fn recursive_macros_and_includes_are_refused() {
        for (templates, names) in [
            (
                vec![("m.html", "{% macro r(n) %}{{ self::r(n=n) }}{% endmacro %}")],
                vec!["macro `r` of template `m.html` calls itself"],
            ),
            (
                vec![
                    ("m.html", "{% import \"n.html\" as n %}{% macro a() %}{{ n::b() }}{% endmacro %}"),
                    ("n.html", "{% import \"m.html\" as m %}{% macro b() %}{% if true %}{{ m::a() }}{% endif %}{% endmacro %}"),
                ],
                vec!["`m.html`", "`n.html`", "calls itself through"],
            ),
            (
                vec![("page.html", "{% block main %}{% include \"page.html\" %}{% endblock %}")],
                vec!["template `page.html` calls itself"],
            ),
        ] {
            let err = check(&tera(&templates)).unwrap_err();
            for name in names {
                assert!(err.contains(name), "{err}");
            }
            assert!(err.contains("recursion"), "{err}");
        }
        // Calling another macro, or the same one twice, is fine.
        let fine = tera(&[(
            "m.html",
            "{% macro a() %}{{ self::b() }}{{ self::b() }}{% endmacro %}{% macro b() %}b{% endmacro %}",
        )]);
        assert_eq!(check(&fine), Ok(()));
    }
}
