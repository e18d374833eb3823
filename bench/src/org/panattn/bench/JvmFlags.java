package org.panattn.bench;

/** JVM flags every benchmark fork runs with (JMH annotations need compile-time constants). */
final class JvmFlags {
    /** The Vector API module, FFM native access for ORT's JNI loader and panattn, and no lazy heap paging. */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /** Inputs live off-heap, so a small pre-touched heap keeps each fork's start-up short. */
    static final String HEAP_MIN = "-Xms512m";
    static final String HEAP_MAX = "-Xmx512m";

    private JvmFlags() {
    }
}
