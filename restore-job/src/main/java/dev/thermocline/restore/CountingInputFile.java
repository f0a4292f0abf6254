package dev.thermocline.restore;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;

/** An input file that adds every byte read from it to a counter: restore's I/O metric. */
final class CountingInputFile implements InputFile {

    private final InputFile delegate;
    private final AtomicLong bytesRead;

    CountingInputFile(InputFile delegate, AtomicLong bytesRead) {
        this.delegate = delegate;
        this.bytesRead = bytesRead;
    }

    @Override
    public long getLength() {
        return delegate.getLength();
    }

    @Override
    public SeekableInputStream newStream() {
        return new CountingStream(delegate.newStream(), bytesRead);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public boolean exists() {
        return delegate.exists();
    }

    private static final class CountingStream extends SeekableInputStream {
        private final SeekableInputStream in;
        private final AtomicLong bytesRead;

        CountingStream(SeekableInputStream in, AtomicLong bytesRead) {
            this.in = in;
            this.bytesRead = bytesRead;
        }

        @Override
        public long getPos() throws IOException {
            return in.getPos();
        }

        @Override
        public void seek(long newPos) throws IOException {
            in.seek(newPos);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
