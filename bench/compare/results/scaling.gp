set terminal pngcairo size 1500,450 font 'sans,10'
set output '/work/main/bench/compare/results/scaling.png'
$s0 << EOD
20 5.914
150 57.918
1000 397.513
EOD
$s1 << EOD
20 3.488
150 34.547
1000 214.506
EOD
$s2 << EOD
20 49.608
EOD
$s3 << EOD
20 51.211
EOD
$s4 << EOD
20 84.640
EOD
$s5 << EOD
20 70.738
EOD
$s6 << EOD
20 5.346
150 49.677
EOD
$s7 << EOD
20 2.980
150 29.282
EOD
$s8 << EOD
20 1.070
150 4.710
1000 18.440
EOD
$s9 << EOD
20 0.960
150 3.880
1000 15.250
EOD
$s10 << EOD
20 35.580
EOD
$s11 << EOD
20 33.170
EOD
$s12 << EOD
20 51.490
EOD
$s13 << EOD
20 44.720
EOD
$s14 << EOD
20 0.680
150 2.970
EOD
$s15 << EOD
20 0.560
150 2.310
EOD
$s16 << EOD
20 71.070
150 84.652
1000 138.496
EOD
$s17 << EOD
20 70.652
150 81.688
1000 134.820
EOD
$s18 << EOD
20 54.105
EOD
$s19 << EOD
20 53.531
EOD
$s20 << EOD
20 89.172
EOD
$s21 << EOD
20 94.918
EOD
$s22 << EOD
20 60.223
150 62.426
EOD
$s23 << EOD
20 60.098
150 61.730
EOD
set multiplot layout 1,3 title 'Growth with the number of hosts (loopback sshd hosts)'
set xlabel 'hosts'
set logscale xy
set grid
set key top left
set xtics (20, 150, 1000)
set ylabel 'wall time (s)'
set title 'Median wall time, set pyinfra'
plot $s0 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s1 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s2 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s3 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s4 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s5 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s6 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s7 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'CPU of the tool (s)'
set title 'CPU of the tool (user + system), set pyinfra'
plot $s8 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s9 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s10 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s11 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s12 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s13 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s14 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s15 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'peak RSS, largest process (MiB)'
set title 'Peak memory, set pyinfra'
plot $s16 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s17 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s18 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s19 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s20 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s21 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s22 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s23 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
unset multiplot
