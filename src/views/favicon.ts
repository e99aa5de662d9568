/** The pages' icon (a stopwatch face), served by the app so browsers do not log a 404 for `/favicon.ico`. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<circle cx="16" cy="18" r="12" fill="#16213a"/><rect x="13" y="1" width="6" height="4" rx="1" fill="#16213a"/>
<path d="M16 18V10" stroke="#8ab4f8" stroke-width="3" stroke-linecap="round"/></svg>`;
