//! Reading `openrouter-org.jsonc`: JSON with `//` and `/* */` comments and trailing commas, into
//! a tree that keeps where each value starts and refuses a key given twice.
//!
//! Why not serde_json: it keeps the last of two equal keys silently, so a duplicated address
//! (`workspaces.prod` written twice) would hide an entry from review; and it has no comments.

use crate::error::FieldError;

/// Where a value starts in the file (1-based), for errors a person can find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
}

/// One value of the file and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Tree,
    /// Where it starts.
    pub at: Pos,
    /// Its bytes in the text, so that an edit (`orgfile::edit`) can replace it and keep the
    /// comments and layout around it.
    pub span: std::ops::Range<usize>,
    /// Where its `"key"` starts in the text, when it is a member of an object.
    pub key_start: Option<usize>,
}

/// A JSON value whose objects keep their keys in file order (each key once).
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array.
    List(Vec<Node>),
    /// An object, keys in file order.
    Object(Vec<(String, Node)>),
}

impl Tree {
    /// The JSON type's name, for "expected a …, found a …" errors.
    pub fn type_name(&self) -> &'static str {
        match self {
            Tree::Null => "null",
            Tree::Bool(_) => "boolean",
            Tree::Number(_) => "number",
            Tree::Text(_) => "string",
            Tree::List(_) => "array",
            Tree::Object(_) => "object",
        }
    }
}

/// Parses the whole text; the error names the path reached, the rule (`syntax`,
/// `duplicate_key`) and the line and column.
pub fn parse(text: &str) -> Result<Node, FieldError> {
    let mut p = Parser {
        chars: text.chars().collect(),
        i: 0,
        byte: 0,
        line: 1,
        column: 1,
        path: vec![],
    };
    let node = p.value()?;
    p.blank()?;
    if p.i < p.chars.len() {
        return Err(p.fail("syntax", "text after the end of the document"));
    }
    Ok(node)
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    /// The byte offset of `chars[i]` in the text.
    byte: usize,
    line: u32,
    column: u32,
    /// The keys and indexes down to the value being read, for errors.
    path: Vec<String>,
}

impl Parser {
    fn fail(&self, rule: &str, what: &str) -> FieldError {
        let path = if self.path.is_empty() {
            "(file)".to_owned()
        } else {
            self.path.join(".")
        };
        FieldError::new(
            path,
            rule,
            format!("{what} (line {}, column {})", self.line, self.column),
        )
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        self.byte += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Skips white space and comments.
    fn blank(&mut self) -> Result<(), FieldError> {
        loop {
            match (self.peek(), self.chars.get(self.i + 1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            None => {
                                return Err(self.fail("syntax", "a /* comment that does not end"))
                            }
                            Some('*') if self.peek() == Some('/') => {
                                self.bump();
                                break;
                            }
                            Some(_) => {}
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self) -> Result<Node, FieldError> {
        self.blank()?;
        let at = Pos {
            line: self.line,
            column: self.column,
        };
        let start = self.byte;
        let value = match self.peek() {
            Some('{') => self.object()?,
            Some('[') => self.list()?,
            Some('"') => Tree::Text(self.text()?),
            Some('t') => self.word("true", Tree::Bool(true))?,
            Some('f') => self.word("false", Tree::Bool(false))?,
            Some('n') => self.word("null", Tree::Null)?,
            Some(c) if c == '-' || c.is_ascii_digit() => self.number()?,
            Some(_) => return Err(self.fail("syntax", "expected a value")),
            None => return Err(self.fail("syntax", "the file ends where a value was expected")),
        };
        Ok(Node {
            value,
            at,
            span: start..self.byte,
            key_start: None,
        })
    }

    fn word(&mut self, word: &str, value: Tree) -> Result<Tree, FieldError> {
        for expected in word.chars() {
            if self.peek() != Some(expected) {
                return Err(self.fail("syntax", "expected a value"));
            }
            self.bump();
        }
        Ok(value)
    }

    fn number(&mut self) -> Result<Tree, FieldError> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        {
            self.bump();
        }
        let text: String = self.chars[start..self.i].iter().collect();
        // JSON's grammar, not Rust's: no leading `+`, no `.5`, no `1.`, no leading zeros.
        let json_like = text.parse::<f64>().is_ok()
            && !text.starts_with('+')
            && !text.starts_with('.')
            && !text.starts_with("-.")
            && !text.contains(".e")
            && !text.contains(".E")
            && !text.ends_with('.')
            && !(text.trim_start_matches('-').starts_with('0')
                && text
                    .trim_start_matches('-')
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit()));
        match text.parse::<f64>() {
            Ok(n) if json_like && n.is_finite() => Ok(Tree::Number(n)),
            _ => Err(self.fail("syntax", &format!("`{text}` is not a JSON number"))),
        }
    }

    fn text(&mut self) -> Result<String, FieldError> {
        self.bump(); // the opening quote
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(self.fail("syntax", "a string that does not end")),
                Some('"') => return Ok(out),
                Some('\\') => match self.bump() {
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('/') => out.push('/'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('u') => out.push(self.escape()?),
                    _ => return Err(self.fail("syntax", "an unknown escape in a string")),
                },
                Some(c) if (c as u32) < 0x20 => {
                    return Err(self.fail("syntax", "a control character in a string"))
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// `\uXXXX`, a surrogate pair read as one character.
    fn escape(&mut self) -> Result<char, FieldError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            if self.bump() != Some('\\') || self.bump() != Some('u') {
                return Err(self.fail("syntax", "a lone surrogate in a string"));
            }
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.fail("syntax", "a lone surrogate in a string"));
            }
            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return char::from_u32(code).ok_or_else(|| self.fail("syntax", "a bad \\u escape"));
        }
        char::from_u32(first).ok_or_else(|| self.fail("syntax", "a lone surrogate in a string"))
    }

    fn hex4(&mut self) -> Result<u32, FieldError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.bump().and_then(|c| c.to_digit(16));
            code = code * 16 + digit.ok_or_else(|| self.fail("syntax", "a bad \\u escape"))?;
        }
        Ok(code)
    }

    fn list(&mut self) -> Result<Tree, FieldError> {
        self.bump();
        let mut items = vec![];
        loop {
            self.blank()?;
            if self.peek() == Some(']') {
                self.bump();
                return Ok(Tree::List(items));
            }
            self.path.push(format!("[{}]", items.len()));
            items.push(self.value()?);
            self.path.pop();
            self.blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                _ => return Err(self.fail("syntax", "expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Tree, FieldError> {
        self.bump();
        let mut fields: Vec<(String, Node)> = vec![];
        loop {
            self.blank()?;
            match self.peek() {
                Some('}') => {
                    self.bump();
                    return Ok(Tree::Object(fields));
                }
                Some('"') => {}
                _ => return Err(self.fail("syntax", "expected a \"key\" or `}`")),
            }
            let key_start = self.byte;
            let key = self.text()?;
            self.path.push(key.clone());
            if fields.iter().any(|(k, _)| *k == key) {
                return Err(self.fail("duplicate_key", "this key is given twice in its object"));
            }
            self.blank()?;
            if self.bump() != Some(':') {
                return Err(self.fail("syntax", "expected `:` after the key"));
            }
            let mut value = self.value()?;
            value.key_start = Some(key_start);
            self.path.pop();
            fields.push((key, value));
            self.blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                _ => return Err(self.fail("syntax", "expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<&str> {
        match &node.value {
            Tree::Object(f) => f.iter().map(|(k, _)| k.as_str()).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn comments_and_trailing_commas_are_read() {
        let text = "// org\n{ /* a */ \"b\": [1, 2,], \"a\": {\"x\": null,}, }\n";
        let node = parse(text).expect("test data");
        assert_eq!(keys(&node), ["b", "a"], "file order kept");
        let Tree::Object(f) = &node.value else {
            panic!()
        };
        let Tree::List(items) = &f[0].1.value else {
            panic!()
        };
        let read: Vec<(&Tree, Pos, &str)> = items
            .iter()
            .map(|n| (&n.value, n.at, &text[n.span.clone()]))
            .collect();
        let at = |column| Pos { line: 2, column };
        assert_eq!(
            read,
            [
                (&Tree::Number(1.0), at(17), "1"),
                (&Tree::Number(2.0), at(20), "2")
            ]
        );
        let member = &f[1].1;
        assert_eq!(&text[member.span.clone()], "{\"x\": null,}");
        assert_eq!(&text[member.key_start.expect("a member")..][..3], "\"a\"");
    }

    #[test]
    fn a_duplicated_key_is_refused_with_its_path_and_line() {
        let text = "{\n \"workspaces\": {\n  \"prod\": {},\n  \"prod\": {}\n }\n}";
        let e = parse(text).expect_err("must be refused");
        assert_eq!(
            (e.field.as_str(), e.rule.as_str()),
            ("workspaces.prod", "duplicate_key")
        );
        assert!(e.message.contains("line 4"), "{}", e.message);
    }

    #[test]
    fn what_json_refuses_is_refused() {
        for bad in [
            "{",
            "[1 2]",
            "{\"a\" 1}",
            "01",
            "+1",
            ".5",
            "1.",
            "\"\\x\"",
            "\"a",
            "nul",
            "{} {}",
            "/* open",
            "[1,,]",
            "{,}",
            "\"\\ud800\"",
            "1e999",
        ] {
            let e = parse(bad).expect_err(bad);
            assert_eq!(e.rule, "syntax", "{bad}: {e:?}");
        }
    }

    #[test]
    fn strings_unescape_as_json_does() {
        let text = r#"["a\"b\\c\/\n\u00e9\ud83d\ude00", -0.5e2]"#;
        let Tree::List(items) = parse(text).expect("test data").value else {
            panic!()
        };
        assert_eq!(items[0].value, Tree::Text("a\"b\\c/\né😀".into()));
        assert_eq!(items[1].value, Tree::Number(-50.0));
    }
}
