import { mountMeasured } from './bench-page';

/**
 * One bare <input> measured like the forms: its keystroke latency is the floor of the method
 * (keydown to the next painted frame), which no form can beat on the same machine.
 */
const id = 'root_floor';

// Below the fold, so the "window filled" test of bench-page.tsx passes at once.
void mountMeasured(<input id={id} style={{ width: 400, marginTop: '100vh' }} />, id);
