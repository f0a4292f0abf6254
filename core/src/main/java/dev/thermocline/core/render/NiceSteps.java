package dev.thermocline.core.render;

/** Round tick steps: 1, 2 or 5 times a power of ten. */
final class NiceSteps {

    private NiceSteps() {}

    /** The smallest 1/2/5×10^n step not below {@code raw} (at least 1: keys are whole numbers). */
    static double atLeast(double raw) {
        if (!(raw > 1)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
