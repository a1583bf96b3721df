import { powerMonitor } from 'electron';
import { systemClock } from '../core/domain/clock';
import { ClockJumpWatch } from './clock-jump';

/**
 * Calls `onWake` when timers may have missed their time: resume from sleep,
 * screen unlock, and a change of the wall clock (the core re-plans then; its
 * own 30-second check catches what no event reports).
 */
export function watchPowerAndClock(onWake: () => void): () => void {
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
  const watch = new ClockJumpWatch({
    clock: systemClock,
    monotonicNow: () => systemClock.monotonicNow(),
    onJump: onWake,
  });
  watch.start();
  return () => {
    powerMonitor.off('resume', onWake);
    powerMonitor.off('unlock-screen', onWake);
    watch.stop();
  };
}
