package dev.thermocline.cli;

import dev.thermocline.flink.config.ConfigOption;
import dev.thermocline.flink.config.ConfigSources;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The configuration flags every sub-command accepts ({@code --config}, one flag per
 * {@link ConfigOption} that has one, and {@code -D key=value}), generated from {@link ConfigOption}
 * so their help is the options' own documentation. Declared on the top command and inherited, so
 * they may come before or after the sub-command's name.
 */
final class ConfigFlags {

    static final String CONFIG = "--config";
    static final String DEFINE = "-D";

    private ConfigFlags() {}

    /** Adds the flags to {@code root}; call before adding sub-commands, which inherit them. */
    static void addTo(CommandSpec root) {
        root.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(Path.class).scopeType(ScopeType.INHERIT)
                .description("Configuration file; a named file must exist.",
                        "Default: ./" + ConfigOption.DEFAULT_FILE_NAME + " if present",
                        "Environment: " + ConfigOption.CONFIG_FILE_ENV)
                .build());
        for (ConfigOption option : ConfigOption.values()) {
            if (option.flag() != null) {
                root.addOption(OptionSpec.builder(option.flag()).paramLabel(label(option)).type(String.class)
                        .scopeType(ScopeType.INHERIT).description(help(option)).build());
            }
        }
        root.addOption(OptionSpec.builder(DEFINE).paramLabel("KEY=VALUE").type(Map.class)
                .auxiliaryTypes(String.class, String.class).scopeType(ScopeType.INHERIT)
                .description("Sets any configuration key (see README.md); repeatable; a dedicated flag wins. E.g.",
                        "-D tables.orders.key-type=long",
                        "-D catalog.properties.uri=http://rest:8181")
                .build());
    }

    /** The configuration sources: the environment, the named file, then -D overrides, then dedicated flags. */
    static ConfigSources sources(CommandSpec root, CliEnvironment environment) {
        ConfigSources sources = ConfigSources.in(environment.workingDirectory()).withEnvironment(environment.variables());
        Path file = root.findOption(CONFIG).getValue();
        if (file != null) {
            sources = sources.withConfigFile(file);
        }
        Map<String, String> defines = root.findOption(DEFINE).getValue();
        if (defines != null) {
            for (Map.Entry<String, String> d : defines.entrySet()) {
                sources = sources.withOverride(d.getKey(), d.getValue(), DEFINE + " " + d.getKey());
            }
        }
        for (ConfigOption option : ConfigOption.values()) {
            if (option.flag() != null) {
                String value = root.findOption(option.flag()).getValue();
                if (value != null) {
                    sources = sources.withOverride(option.key(), value, option.flag());
                }
            }
        }
        return sources;
    }

    private static String label(ConfigOption option) {
        return option.key().substring(option.key().lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    }

    /** The option's description, then its default, key and environment variable on lines of their own. */
    private static String[] help(ConfigOption option) {
        return new String[] {
            option.description(),
            "Default: " + (option.defaultValue() == null ? "none" : option.defaultValue()),
            "Key: " + option.key(),
            "Environment: " + option.environmentVariable()
        };
    }
}
