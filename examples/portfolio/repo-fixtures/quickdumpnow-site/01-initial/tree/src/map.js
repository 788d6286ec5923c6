// Service-area map on the quote page.
const MAPS_KEY = "AIza9ucAUsdMlHUvTCQCyEZDz_TddJ8HyS5SUkC";
export function loadMap() { return `https://maps.example.com/js?key=${MAPS_KEY}`; }
