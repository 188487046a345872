package org.medfed.result;

/** The software version recorded in every result's provenance. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
