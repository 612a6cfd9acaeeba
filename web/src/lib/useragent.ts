/**
 * A short, readable name for a sign-in's device from its User-Agent ("Chrome · Windows", "Safari · iPhone").
 * Unknown agents (API clients, scripts) are shown by their first word, cut to a reasonable length.
 */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const browser =
    /Edg(e|A|iOS)?\//.test(ua) ? 'Edge'
      : /OPR\/|Opera/.test(ua) ? 'Opera'
        : /MicroMessenger\//.test(ua) ? 'WeChat'
          : /Firefox\/|FxiOS\//.test(ua) ? 'Firefox'
            : /HeadlessChrome\//.test(ua) ? 'Headless Chrome'
              : /Chrome\/|CriOS\/|Chromium\//.test(ua) ? 'Chrome'
                : /Safari\//.test(ua) && /Version\//.test(ua) ? 'Safari'
                  : null;
  const os =
    /iPhone/.test(ua) ? 'iPhone'
      : /iPad/.test(ua) ? 'iPad'
        : /Android/.test(ua) ? 'Android'
          : /Windows/.test(ua) ? 'Windows'
            : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
              : /HarmonyOS/.test(ua) ? 'HarmonyOS'
                : /Linux|X11/.test(ua) ? 'Linux'
                  : null;
  if (browser && os) return `${browser} · ${os}`;
  if (browser || os) return (browser ?? os)!;
  const first = ua.split(/[\s/]/)[0];
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
