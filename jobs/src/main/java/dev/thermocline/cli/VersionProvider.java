package dev.thermocline.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code thermocline --version}: the bundle's version from its manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ThermoclineCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "thermocline " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
