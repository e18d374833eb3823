package org.panattn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.panattn.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** What this JVM and machine give panattn: backends, vector width, native libraries, CUDA devices. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Backends, vector width, JDK, native libraries found, CUDA devices (or why there are none).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : SystemInfo.lines()) {
            out.println(line);
        }
        return ExitCodes.OK;
    }

    /** The backends, as "name (device)". */
    static String backends() {
        StringBuilder sb = new StringBuilder();
        for (Backend b : Backend.available()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(b.name());
        }
        return sb.toString();
    }
}
