//! A value from the user's file, as an error message may show it: control characters
//! (newlines, terminal escape codes) escaped so that the message stays one line and cannot
//! drive the terminal, and a long value cut with "…" so that a 200,000-character id does not
//! become a 200 KB error line.

/// `s` with control characters escaped (`\n`, `\u{1b}`) and at most `max` characters of it.
pub fn shown(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// A whole message made safe for one line: control characters escaped, length kept.
pub fn one_line(message: &str) -> String {
    if message.chars().any(char::is_control) {
        message
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_debug().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect()
    } else {
        message.to_owned()
    }
}

/// A count with its noun in the right number: "1 error", "2 errors", "0 errors".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_long_values_cut() {
        assert_eq!(shown("a\nb\u{1b}[2J", 20), "a\\nb\\u{1b}[2J");
        assert_eq!(shown(&"x".repeat(200_000), 5), "xxxxx…");
        assert_eq!(shown("Müller", 40), "Müller");
        assert_eq!(one_line("x: 'a\nb'"), "x: 'a\\nb'");
    }
}
