package org.medfed.cli;

import org.medfed.error.MedfedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code medfed} executable. */
@Command(name = "medfed", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Privacy-preserving multi-center analysis: sites release only aggregates, "
                + "the analyst gets the pooled answer.",
        subcommands = {DemoCommand.class, SimulateCommand.class, RunCommand.class, JobsCommand.class,
                ResultCommand.class, RerunCommand.class, SitesCommand.class, HubCommand.class, SiteCommand.class,
                PkiCommand.class, AuditCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        configureLogging(args.length > 0 && (args[0].equals("hub") || args[0].equals("site")) && !isSiteOperatorCommand(args));
        if (args.length > 0 && READS_DATA.contains(args[0])) {
            warmUpDataEngine();
        }
        System.exit(execute(args));
    }

    /**
     * The hub and site processes log what they do (connections, jobs, every release at INFO: names,
     * shapes and row counts, never values) with timestamps; one-shot commands log only warnings.
     */
    private static void configureLogging(boolean longRunning) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", longRunning ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static boolean isSiteOperatorCommand(String[] args) {
        return args.length > 1 && java.util.Set.of("approve", "deny", "pending").contains(args[1]);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Commands that read site files through DuckDB. */
    private static final java.util.Set<String> READS_DATA = java.util.Set.of("demo", "simulate", "benchmark", "site");

    /**
     * Loads DuckDB's native library (tens of megabytes, a few hundred milliseconds) on a
     * background thread while the command line is parsed and validated, instead of after.
     */
    private static void warmUpDataEngine() {
        Thread t = new Thread(() -> {
            try {
                java.sql.DriverManager.getConnection("jdbc:duckdb:").close();
            } catch (java.sql.SQLException | RuntimeException | LinkageError e) {
                // The real read reports any problem with its own, specific message.
            }
        }, "duckdb-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the command line and returns the exit code (0 ok, 1 analysis failure, 2 usage error). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.expandedArgs().contains("--debug");
            if (e instanceof MedfedException me) {
                commandLine.getErr().println("medfed: " + me.getMessage());
                if (debug) {
                    e.printStackTrace(commandLine.getErr());
                }
                return me.exitCode();
            }
            commandLine.getErr().println("medfed: internal error: " + e
                    + (debug ? "" : " (run again with --debug for details)"));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"medfed " + org.medfed.result.Version.current()};
        }
    }
}
