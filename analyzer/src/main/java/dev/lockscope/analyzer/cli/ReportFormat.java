package dev.lockscope.analyzer.cli;

/** The report formats every reporting subcommand offers. */
public enum ReportFormat {
    text, json, html
}
