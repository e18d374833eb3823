package org.panattn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.panattn.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Runs every family on built-in synthetic workloads and prints what each shows. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs every kernel family on built-in synthetic workloads: accuracy against the "
                + "double-precision reference and speed (under a minute on 2 cores).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    static List<DemoSection> sections() {
        return List.of(new DenseDemo(), new TopKDemo(), new ObCacheDemo(), new HybridDemo(), new DitDemo(),
                new SaeDemo());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backend backend = backendOptions.resolve();
        out.println("== panattn demo (backend " + backend.name() + ")");
        for (String line : SystemInfo.lines()) {
            out.println("   " + line);
        }
        for (DemoSection s : sections()) {
            out.println();
            out.println("== " + s.title());
            long t0 = System.nanoTime();
            s.run(backend, out);
            out.printf("   (section took %.1f s)%n", (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
