package dev.thermocline.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3ProxyServerTest {

    @Test
    void bucketNamesFollowS3Rules() {
        assertThatCode(() -> S3ProxyServer.validateBucketName("abc")).doesNotThrowAnyException();
        assertThatCode(() -> S3ProxyServer.validateBucketName("a".repeat(63))).doesNotThrowAnyException();
        assertThatThrownBy(() -> S3ProxyServer.validateBucketName("ab")).hasMessageContaining("'ab'");
        assertThatThrownBy(() -> S3ProxyServer.validateBucketName("a".repeat(64))).hasMessageContaining("3-63");
        assertThatThrownBy(() -> S3ProxyServer.validateBucketName("Upper")).hasMessageContaining("'Upper'");
    }

    @Test
    void theBuildFetchedTheS3ProxyJar() {
        assertThatCode(S3ProxyJar::locate).doesNotThrowAnyException();
    }
}
