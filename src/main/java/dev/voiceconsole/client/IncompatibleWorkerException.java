package dev.voiceconsole.client;

/** The worker speaks a different protocol version than this client. */
public class IncompatibleWorkerException extends RuntimeException {

    private final int workerVersion;
    private final int clientVersion;

    public IncompatibleWorkerException(int workerVersion, int clientVersion) {
        super("incompatible voice worker: it speaks protocol version " + workerVersion
                + ", this client speaks protocol version " + clientVersion
                + "; install matching versions of the console and the worker");
        this.workerVersion = workerVersion;
        this.clientVersion = clientVersion;
    }

    public int workerVersion() {
        return workerVersion;
    }

    public int clientVersion() {
        return clientVersion;
    }
}
