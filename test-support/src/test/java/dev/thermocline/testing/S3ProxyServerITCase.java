package dev.thermocline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ProxyServerITCase {

    @Test
    void objectsWrittenToTheBucketAreReadBackAndListed() {
        S3ProxyServer server = S3ProxyServer.start("edge-test-bucket");
        try (server; S3Client s3 = server.client()) {
            s3.putObject(r -> r.bucket(server.bucket()).key("wh/a.txt"), RequestBody.fromString("alpha"));
            s3.putObject(r -> r.bucket(server.bucket()).key("wh/b.txt"), RequestBody.fromString("beta"));

            assertThat(s3.getObjectAsBytes(r -> r.bucket(server.bucket()).key("wh/a.txt")).asUtf8String()).isEqualTo("alpha");
            assertThat(s3.listObjectsV2(r -> r.bucket(server.bucket()).prefix("wh/")).contents())
                    .extracting(S3Object::key).containsExactly("wh/a.txt", "wh/b.txt");
            assertThat(server.uri("/wh")).isEqualTo("s3://edge-test-bucket/wh");
            assertThat(server.icebergProperties()).containsEntry("s3.endpoint", server.endpoint())
                    .containsEntry("s3.path-style-access", "true");
        }
        assertThat(server.isRunning()).isFalse();
        assertThat(portAcceptsConnections(URI.create(server.endpoint()).getPort())).isFalse();
    }

    private static boolean portAcceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
