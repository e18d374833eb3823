package org.panattn.cli;

import java.io.PrintWriter;

import org.panattn.Backend;

/** One family's part of `panattn demo`: a built-in synthetic workload and what it shows. */
interface DemoSection {
    String title();

    void run(Backend backend, PrintWriter out);
}
