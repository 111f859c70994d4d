pub fn run_cli(_args: &crate::cli::ExportArgs) -> anyhow::Result<String> {
    anyhow::bail!("todo")
}
