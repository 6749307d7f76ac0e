/** The org level of a unit code: codes are hierarchical, one segment per level (city = 1 … grid = 5). */
export const levelOf = (code) => code.split('.').length;
export const levelNames = ['', 'city', 'district', 'street', 'community', 'grid'];
export const levelName = (code) => levelNames[levelOf(code)];
export const within = (code, ancestor) => code === ancestor || code.startsWith(`${ancestor}.`);
