package dev.thermocline.cli.cluster;

import dev.thermocline.cli.ClusterAddress;

/** {@code --cluster HOST:PORT} does not answer as a Flink REST endpoint; the message names the address. */
public final class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(ClusterAddress address, String reason) {
        super("cannot reach the Flink cluster at " + address + " (--cluster): " + reason);
    }
}
