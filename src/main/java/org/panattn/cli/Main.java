package org.panattn.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code panattn}: the command-line front of the library. Exit codes: 0 success, 2 usage or input error (one line
 * on stderr naming the file or argument), 1 internal failure ({@code --verbose} prints the stack trace).
 */
@Command(name = "panattn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Certified, compressed attention kernels for the JVM.",
        subcommands = {InfoCommand.class, DemoCommand.class, AttendCommand.class, TopKCommand.class,
            TopKPlanCommand.class, ObCacheCommand.class, HybridCommand.class, DitCommand.class, SaeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(cmd + ": " + ex.getMessage() + " (see '" + cmd + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String cmd = commandLine.getCommandSpec().qualifiedName();
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            int code = ExitCodes.of(ex);
            err.println(cmd + ": " + (code == ExitCodes.INTERNAL ? "internal error: " : "") + ExitCodes.message(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"panattn " + (v == null ? "(development build)" : v)};
        }
    }
}
