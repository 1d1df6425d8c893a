package dev.eventloom.messaging.runtime;

import dev.eventloom.core.runtime.LogCodes;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The channel lists are wired into the application at build time; a different value at run time would silently not
 * take effect, so it stops the start instead, naming both values.
 */
final class BuildFixedChannels {

    private BuildFixedChannels() {
    }

    static void refuseRunTimeChange(String key, List<String> built) {
        List<String> requested = ConfigProvider.getConfig().getOptionalValues(key, String.class).orElse(List.of())
                .stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        if (!requested.equals(built)) {
            throw new ConfigurationException(LogCodes.CHANNELS_CHANGED + " " + key + " is " + requested + " at run "
                    + "time, but the "
                    + "application was built with " + built + ": the build wires the channels, so rebuild with the new "
                    + "value (the channels' own settings, mp.messaging.* and eventloom.messaging.channel.*, can change "
                    + "at run time)");
        }
    }
}
