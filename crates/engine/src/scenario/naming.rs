//! Names that follow what they name: a deployment called after its model and hardware
//! ("Llama 3.1 70B on 2x A100") is renamed when either changes, and so is the title that
//! repeats them, while a name the user typed, which mentions neither, is left alone.

/// The hardware name without its memory size, as option names use it: "2x A100 80GB" →
/// "2x A100", "Mac Studio M4 Max 128GB" → "Mac Studio M4 Max".
pub fn short_hardware(name: &str) -> &str {
    let trimmed = name.trim();
    match trimmed.rsplit_once(' ') {
        Some((head, last)) if is_memory_size(last) => head.trim_end(),
        _ => trimmed,
    }
}

/// "80GB", "24GB", "128GB", "16GB": a memory size at the end of a hardware name.
fn is_memory_size(word: &str) -> bool {
    word.strip_suffix("GB")
        .or_else(|| word.strip_suffix("gb"))
        .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
}

/// `text` with each old name replaced by its new one, or `None` when it mentions none of
/// them (a name or title the user typed) or nothing changed. Each pair is (old, new); the
/// full hardware name is tried before its short form, so "2x A100 80GB" is not left as
/// "H100 80GB 80GB".
pub fn follow_renames(text: &str, renames: &[(&str, &str)]) -> Option<String> {
    let mut result = text.to_owned();
    let mut changed = false;
    for (old, new) in renames {
        if old.is_empty() || old == new {
            continue;
        }
        if let Some(replaced) = replace_word(&result, old, new) {
            result = replaced;
            changed = true;
        }
    }
    changed.then_some(result)
}

/// `text` with the first whole-word occurrence of `old` replaced by `new`.
fn replace_word(text: &str, old: &str, new: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = text[from..].find(old) {
        let start = from + found;
        let end = start + old.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(format!("{}{new}{}", &text[..start], &text[end..]));
        }
        from = end;
    }
    None
}

/// The renames to apply when a deployment's hardware or model changes: the full and short
/// hardware names, then the model's.
pub fn deployment_renames<'a>(
    old_hardware: &'a str,
    new_hardware: &'a str,
    old_model: &'a str,
    new_model: &'a str,
) -> [(&'a str, &'a str); 3] {
    [
        (old_hardware, new_hardware),
        (short_hardware(old_hardware), short_hardware(new_hardware)),
        (old_model, new_model),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hardware_names_lose_their_memory_size() {
        assert_eq!(short_hardware("2x A100 80GB"), "2x A100");
        assert_eq!(
            short_hardware("Mac Studio M4 Max 128GB"),
            "Mac Studio M4 Max"
        );
        assert_eq!(short_hardware("H100"), "H100");
    }

    #[test]
    fn a_name_made_of_model_and_hardware_follows_them() {
        let renames = deployment_renames(
            "2x A100 80GB",
            "H100 80GB",
            "Llama 3.1 70B",
            "Llama 3.1 70B",
        );
        assert_eq!(
            follow_renames("Llama 3.1 70B on 2x A100", &renames).as_deref(),
            Some("Llama 3.1 70B on H100")
        );
        assert_eq!(
            follow_renames("Full-stack 70B on 2x A100 vs GPT-4o", &renames).as_deref(),
            Some("Full-stack 70B on H100 vs GPT-4o")
        );
        let renames = deployment_renames("H100 80GB", "H100 80GB", "Llama 3.1 70B", "Llama 3.1 8B");
        assert_eq!(
            follow_renames("Llama 3.1 70B on H100", &renames).as_deref(),
            Some("Llama 3.1 8B on H100")
        );
    }

    #[test]
    fn a_typed_name_is_left_alone() {
        let renames =
            deployment_renames("2x A100 80GB", "H100 80GB", "Llama 3.1 70B", "Qwen 2.5 72B");
        assert_eq!(follow_renames("Our inference cluster", &renames), None);
        // "A100" inside another word is not a mention.
        let renames = [("A100", "H100")];
        assert_eq!(follow_renames("XA1000 box", &renames), None);
    }
}
