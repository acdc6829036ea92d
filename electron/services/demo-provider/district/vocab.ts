/** Word lists for the generated district. Plain ASCII plus a few apostrophes/hyphens, as real rosters have. */
// prettier-ignore
export const GIVEN_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Levi',
  'Amelia', 'Ethan', 'Harper', 'James', 'Evelyn', 'Aiden', 'Abigail', 'Daniel', 'Emily', 'Jackson', 'Ella',
  'Sebastian', 'Scarlett', 'Henry', 'Grace', 'Alexander', 'Chloe', 'Owen', 'Camila', 'Samuel', 'Aria',
  'Wyatt', 'Luna', 'Jayden', 'Layla', 'Gabriel', 'Zoe', 'Carter', 'Nora', 'Julian', 'Lily', 'Isaac',
  'Hannah', 'Anthony', 'Lillian', 'Dylan', 'Addison', 'Leo', 'Aubrey', 'Lincoln', 'Ellie', 'Jaxon', 'Stella',
  'Asher', 'Natalie', 'Christopher', 'Leah', 'Josiah', 'Hazel', 'Andrew', 'Violet', 'Thomas', 'Aurora',
  'Joshua', 'Savannah', 'Ezra', 'Audrey', 'Hudson', 'Brooklyn', 'Charles', 'Bella', 'Caleb', 'Claire',
  'Isaiah', 'Skylar', 'Ryan', 'Lucy', 'Nathan', 'Paisley', 'Adrian', 'Everly', 'Christian', 'Anna',
  'Maverick', 'Caroline', 'Colton', 'Nova', 'Elias', 'Genesis', 'Aaron', 'Emilia', 'Eli', 'Kennedy',
  'Landon', 'Samantha', 'Jonathan', 'Maya', 'Nolan', 'Willow', 'Hunter', 'Kinsley', 'Cameron', 'Naomi',
  'Connor', 'Aaliyah', 'Santiago', 'Elena', 'Jeremiah', 'Sarah', 'Ezekiel', 'Ariana', 'Angel', 'Allison',
  'Roman', 'Gabriella', 'Easton', 'Alice', 'Miles', 'Madelyn', 'Robert', 'Cora', 'Jameson', 'Ruby',
  'Nicholas', 'Eva', 'Greyson', 'Serenity', 'Cooper', 'Autumn', 'Ian', 'Adeline', 'Carson', 'Hailey', 'Axel',
  'Gianna', 'Jaxson', 'Valentina', 'Dominic', 'Isla', 'Leonardo', 'Eliana', 'Luca', 'Quinn', 'Austin',
  'Nevaeh', 'Jordan', 'Ivy', 'Adam', 'Sadie', 'Xavier', 'Piper', 'Jose', 'Lydia', 'Jace', 'Alexa', 'Everett',
  'Josephine', 'Declan', 'Emery', 'Evan', 'Julia', 'Kayden', 'Delilah', 'Parker', 'Arianna', 'Wesley',
  'Vivian', 'Kai', 'Kaylee', 'Brayden', 'Sophie', 'Bryson', 'Brielle', 'Weston', 'Madeline', 'Jason', 'Mei',
  'Wei', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Yuki', 'Hiroshi', 'Ngozi', 'Chidi', 'Siobhan', 'Sean',
  'Zainab', 'Tariq', 'Ines', 'Joao', 'Anh', 'Minh', 'Soo-ah', 'Ji-ho',
] as const;

// prettier-ignore
export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green',
  'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez',
  'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart',
  'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson',
  'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks',
  'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo',
  'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell',
  'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Gonzales', 'Fisher', 'Vasquez', 'Simmons',
  'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds', 'Griffin', 'Wallace',
  'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar',
  'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', "O'Brien", "O'Connor",
  'McDonald', 'Van Buren', 'Smith-Jones', 'Chen', 'Wang', 'Zhang', 'Liu', 'Singh', 'Kumar', 'Shah', 'Okafor',
  'Adeyemi', 'Nakamura', 'Tanaka', 'Park', 'Choi', 'Pham', 'Le', 'Haddad', 'Khan', 'Ali', 'Silva', 'Santos',
  'Oliveira', 'Novak', 'Kowalski', 'Schmidt', 'Muller', 'Rossi',
] as const;

// prettier-ignore
export const CITIES = [
  'Springfield', 'Riverside', 'Fairview', 'Franklin', 'Greenville', 'Bristol', 'Clinton', 'Georgetown',
  'Salem', 'Madison', 'Oakland', 'Ashland', 'Milton', 'Dover', 'Hudson', 'Kingston',
] as const;

// prettier-ignore
export const SCHOOL_NAME_ROOTS = [
  'Lincoln', 'Washington', 'Jefferson', 'Roosevelt', 'Maple Grove', 'Cedar Ridge', 'Willow Creek',
  'Lakeside', 'Hillcrest', 'Oak Park', 'Pine Valley', 'Riverside', 'Sunset', 'Meadowbrook', 'Highland',
  'Eastwood', 'Westfield', 'Northgate', 'Southview', 'Brookside', 'Fairmont', 'Glenwood', 'Harbor View',
  'Ironwood', 'Juniper', 'Kennedy', 'Lakeview', 'Mountain View', 'Parkside', 'Ridgecrest', 'Stonebridge',
  'Valley Vista',
] as const;

export interface SubjectDef {
  /** Short code used in course/class sourcedIds. */
  code: string;
  name: string;
  /** SCED-style subject code (two-digit area + course). */
  sced: string;
  /** Secondary-school subject taught for one semester only (alternates S1/S2 by section). */
  semester?: boolean;
}

export const ELEMENTARY_SUBJECTS: readonly SubjectDef[] = [
  { code: 'HR', name: 'Homeroom', sced: '22151' },
  { code: 'ELA', name: 'English Language Arts', sced: '51031' },
  { code: 'MATH', name: 'Mathematics', sced: '52031' },
  { code: 'SCI', name: 'Science', sced: '53231' },
  { code: 'SS', name: 'Social Studies', sced: '54431' },
  { code: 'PE', name: 'Physical Education', sced: '58031' },
  { code: 'ART', name: 'Art', sced: '55131' },
  { code: 'MUS', name: 'Music', sced: '55431' },
  { code: 'LIB', name: 'Library Skills', sced: '51099' },
  { code: 'HLTH', name: 'Health', sced: '58039' },
  { code: 'CS', name: 'Computer Science', sced: '60031' },
  { code: 'SPAN', name: 'Spanish', sced: '56031' },
];

export const SECONDARY_SUBJECTS: readonly SubjectDef[] = [
  { code: 'ENG', name: 'English', sced: '01001' },
  { code: 'MATH', name: 'Mathematics', sced: '02001' },
  { code: 'SCI', name: 'Science', sced: '03001' },
  { code: 'SS', name: 'Social Studies', sced: '04001' },
  { code: 'PE', name: 'Physical Education', sced: '08001' },
  { code: 'WL', name: 'World Language', sced: '06101' },
  { code: 'ART', name: 'Visual Art', sced: '05154', semester: true },
  { code: 'MUS', name: 'Music', sced: '05101' },
  { code: 'CS', name: 'Computer Science', sced: '10011', semester: true },
  { code: 'HLTH', name: 'Health', sced: '08051', semester: true },
  { code: 'CTE', name: 'Career and Technical Education', sced: '12001', semester: true },
  { code: 'ADV', name: 'Advisory', sced: '22151' },
];

/** Grade codes (1.1 CEDS vocabulary) in order; index 0 = KG. */
export const GRADE_CODES = [
  'KG',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
] as const;

export type SchoolLevel = 'elementary' | 'middle' | 'high';
export const LEVEL_GRADES: Record<SchoolLevel, readonly number[]> = {
  elementary: [0, 1, 2, 3, 4, 5],
  middle: [6, 7, 8],
  high: [9, 10, 11, 12],
};
export const LEVEL_SUFFIX: Record<SchoolLevel, string> = {
  elementary: 'Elementary School',
  middle: 'Middle School',
  high: 'High School',
};
