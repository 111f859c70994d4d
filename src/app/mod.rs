pub fn run(_file: Option<std::path::PathBuf>, _preset: Option<String>) -> anyhow::Result<()> {
    Ok(())
}
