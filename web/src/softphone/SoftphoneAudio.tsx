// The hidden <audio> element that plays the far end of the softphone's call.
import { useEffect, useRef } from 'react';
import { softphone } from './useSoftphone';

export function SoftphoneAudio({ testId }: { testId?: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    softphone.attachAudio(ref.current);
    return () => softphone.attachAudio(null);
  }, []);
  return <audio ref={ref} autoPlay data-testid={testId} style={{ display: 'none' }} />;
}
